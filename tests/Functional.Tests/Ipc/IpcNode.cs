using System.Diagnostics;
using System.Text;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Ipc;

/// <summary>
/// A regtest bin/bitcoin-node (or another node executable) in its own short temporary data directory (Unix socket
/// paths must stay under 108 bytes) with free ports on 127.0.0.1, plus bitcoin-cli and bitcoin runs against it.
/// Disposing kills a node still running and deletes the data directory.
/// </summary>
internal sealed class IpcNode : IAsyncDisposable
{
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    public IpcNode(string executable = "bitcoin-node")
    {
        Executable = executable;
        DataDir = Directory.CreateTempSubdirectory("ipcft").FullName;
        RpcPort = FreePorts.Next();
        P2pPort = FreePorts.Next();
    }

    /// <summary>The node executable: a name in bin/ or a full path (Core's bitcoin-node for the oracle tests).</summary>
    public string Executable { get; }

    public string DataDir { get; }

    public string NetDir => Path.Combine(DataDir, "regtest");

    public string SocketPath => Path.Combine(NetDir, "node.sock");

    public int RpcPort { get; }

    public int P2pPort { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public string ReadDebugLog()
    {
        var path = Path.Combine(NetDir, "debug.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public string[] NodeArguments(params string[] extra) =>
    [
        "-regtest", $"-datadir={DataDir}", $"-rpcport={RpcPort}", $"-port={P2pPort}", "-bind=127.0.0.1",
        "-printtoconsole=0", "-listenonion=0", "-discover=0", "-dnsseed=0", "-fixedseeds=0", "-natpmp=0", .. extra,
    ];

    /// <summary>Starts the node and waits until it answers an RPC over HTTP (so it has left warm-up).</summary>
    public async Task StartAsync(params string[] extra)
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("The node is already running.");
        _process?.Dispose();
        lock (_stderr)
            _stderr.Clear();
        var info = new ProcessStartInfo(ResolveExecutable(Executable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in NodeArguments(extra))
            info.ArgumentList.Add(argument);
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                    _stderr.Append(e.Data).Append('\n');
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var ready = await CliAsync("-ipcconnect=0", "-rpcwait", $"-rpcwaittimeout={(int)NodeProcess.Patience.TotalSeconds}", "getblockcount");
        if (ready.ExitCode != 0)
            throw new InvalidOperationException($"{Executable} did not start: {ready.Stderr}\nnode stderr:\n{Stderr}");
    }

    /// <summary>Runs bin/bitcoin-cli against this node (chain, data directory and RPC port given) to completion.</summary>
    public Task<ProcessResult> CliAsync(params string[] arguments) =>
        RunAsync("bitcoin-cli", ["-regtest", $"-datadir={DataDir}", $"-rpcport={RpcPort}", .. arguments]);

    /// <summary>Asks the node to stop over HTTP and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        await CliAsync("-ipcconnect=0", "stop");
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The node is not started.");
        using var timeout = new CancellationTokenSource(NodeProcess.Patience);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Kills the node with SIGKILL: nothing is cleaned up (the socket file stays behind).</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Runs an executable (a name in bin/ or a full path) to completion.</summary>
    public static async Task<ProcessResult> RunAsync(string executable, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(ResolveExecutable(executable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(NodeProcess.Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not exit within {NodeProcess.Patience}");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string ResolveExecutable(string executable) =>
        Path.IsPathFullyQualified(executable) ? executable : RepoPaths.Executable(executable);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down; the temporary directory is the system's to clean.
        }
    }
}
