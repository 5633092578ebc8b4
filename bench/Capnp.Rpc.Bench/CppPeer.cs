using System.Diagnostics;
using System.Net.Sockets;

namespace Capnp.Rpc.Bench;

/// <summary>The tests' C++ interop peer (tests/Capnp.Rpc.Tests/interop/rpc-peer.c++), built here with g++ against
/// libcapnp-dev and started in serve mode on a Unix socket.</summary>
internal sealed class CppPeer : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private CppPeer(Process process, DirectoryInfo directory, Socket socket)
    {
        _process = process;
        _directory = directory;
        Socket = socket;
    }

    public Socket Socket { get; }

    public static CppPeer Start(string repositoryRoot)
    {
        var binary = Build(repositoryRoot);
        var directory = Directory.CreateTempSubdirectory("rpc-bench-peer-");
        var path = Path.Combine(directory.FullName, "peer.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var process = Process.Start(new ProcessStartInfo(binary, ["serve", path]) { UseShellExecute = false })!;
        return new CppPeer(process, directory, listener.Accept());
    }

    public void Dispose()
    {
        Socket.Dispose();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            _process.Kill();
        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    private static string Build(string root)
    {
        var output = Path.Combine(root, "bench", "Capnp.Rpc.Bench", "obj", "rpc-peer");
        var binary = Path.Combine(output, "rpc-peer");
        var source = Path.Combine(root, "tests", "Capnp.Rpc.Tests", "interop", "rpc-peer.c++");
        var schema = Path.Combine(root, "tests", "Capnp.Rpc.Tests", "Schemas", "rpctest.capnp");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) > File.GetLastWriteTimeUtc(source))
            return binary;
        Directory.CreateDirectory(output);
        Run("capnp", output, "compile", "--no-standard-import", "-I", Path.Combine(root, "src", "Capnp", "Schemas"),
            "--src-prefix=" + Path.GetDirectoryName(schema), "-oc++:" + output, schema);
        File.Copy(source, Path.Combine(output, "rpc-peer.c++"), overwrite: true);
        Run("g++", output, "-std=c++17", "-O2", "-pthread", "-I.", "rpc-peer.c++", "rpctest.capnp.c++",
            "-lcapnp-rpc", "-lcapnp", "-lkj-async", "-lkj", "-o", "rpc-peer");
        return binary;
    }

    private static void Run(string tool, string directory, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { WorkingDirectory = directory, UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}); the C++ peer needs capnp, g++ and libcapnp-dev.");
    }
}
