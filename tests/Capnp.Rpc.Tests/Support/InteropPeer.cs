using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Capnp.Rpc.Tests.Support;

/// <summary>
/// The C++ interop peer (interop/rpc-peer.c++), built once per test run with g++ against Debian's libcapnp-dev into
/// obj/, and started as a child process connected to the test over a Unix socket. Without the toolchain the tests
/// fail under CI (CI=true) and are passed over elsewhere.
/// </summary>
internal sealed class InteropPeer : IAsyncDisposable
{
    private static readonly Lazy<Task<string?>> Build = new(BuildAsync);
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private InteropPeer(Process process, DirectoryInfo directory, Socket socket)
    {
        _process = process;
        _directory = directory;
        Socket = socket;
        _reading = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    /// <summary>The test's end of the connection to the peer.</summary>
    public Socket Socket { get; }

    /// <summary>The peer's path, or null when it cannot be built here (and CI is not set).</summary>
    public static async Task<string?> PathAsync()
    {
        var path = await Build.Value;
        if (path is null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "The C++ interop peer needs capnp, g++ and libcapnp-dev under CI (apt-get install capnproto libcapnp-dev g++).");
        }

        return path;
    }

    /// <summary>Starts the peer in <paramref name="mode"/> ("serve" or "drive") and accepts its connection; null when
    /// the peer cannot be built here.</summary>
    public static async Task<InteropPeer?> StartAsync(string mode)
    {
        var peer = await PathAsync();
        if (peer is null)
            return null;
        var directory = Directory.CreateTempSubdirectory("rpc-peer-");
        var socketPath = System.IO.Path.Combine(directory.FullName, "peer.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        var start = new ProcessStartInfo(peer)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(socketPath);
        var process = Process.Start(start)!;
        try
        {
            var accepting = listener.AcceptAsync();
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(accepting, exited) != accepting)
                throw new InvalidOperationException($"rpc-peer exited with status {process.ExitCode} before connecting: {await process.StandardError.ReadToEndAsync()}");
            return new InteropPeer(process, directory, await accepting);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Waits for the peer to exit (with a generous deadline) and returns its status and output.</summary>
    public async Task<(int ExitCode, string Output)> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await _reading;
        lock (_output)
            return (_process.ExitCode, _output.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        Socket.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                // A peer in serve mode exits once the connection closes; anything still running is stopped.
                if (!await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully))
                    _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
            _directory.Delete(recursive: true);
        }
    }

    private async Task Pump(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
                _output.AppendLine(line);
        }
    }

    private static async Task<string?> BuildAsync()
    {
        var source = RepoRoot.Combine("tests", "Capnp.Rpc.Tests", "interop", "rpc-peer.c++");
        var schema = RepoRoot.Combine("tests", "Capnp.Rpc.Tests", "Schemas", "rpctest.capnp");
        if (!Tool("capnp", "--version") || !Tool("g++", "--version") || !File.Exists("/usr/include/capnp/rpc-twoparty.h"))
            return null;

        // Keyed by the sources, so an edited peer is rebuilt and an unchanged one reused across runs.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            await File.ReadAllTextAsync(source) + await File.ReadAllTextAsync(schema))))[..16].ToLowerInvariant();
        var output = RepoRoot.Combine("tests", "Capnp.Rpc.Tests", "obj", "interop-peer", hash);
        var binary = System.IO.Path.Combine(output, "rpc-peer");
        if (File.Exists(binary))
            return binary;

        var work = Directory.CreateTempSubdirectory("rpc-peer-build-");
        try
        {
            await Run("capnp", work.FullName, "compile", "--no-standard-import", "-I", RepoRoot.Combine("src", "Capnp", "Schemas"),
                "--src-prefix=" + System.IO.Path.GetDirectoryName(schema), "-oc++:" + work.FullName, schema);
            File.Copy(source, System.IO.Path.Combine(work.FullName, "rpc-peer.c++"));
            await Run("g++", work.FullName, "-std=c++17", "-O1", "-pthread", "-I.", "rpc-peer.c++", "rpctest.capnp.c++",
                "-lcapnp-rpc", "-lcapnp", "-lkj-async", "-lkj", "-o", "rpc-peer");
            Directory.CreateDirectory(output);
            File.Move(System.IO.Path.Combine(work.FullName, "rpc-peer"), binary, overwrite: true);
            return binary;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static bool Tool(string name, string arg)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(name, arg)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task Run(string tool, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
