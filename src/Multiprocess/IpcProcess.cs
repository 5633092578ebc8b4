using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Capnp;
using Multiprocess.Spawning;

namespace Multiprocess;

/// <summary>
/// Spawning processes that serve their Init over a socket pair, as Core's multiprocess executables do: the
/// parent starts <c>&lt;dir&gt;/&lt;exe&gt; -ipcfd &lt;n&gt;</c> (exactly two arguments) and connects to the child's
/// Init; the child sees those arguments (<see cref="TryGetSpawnedFd"/>) and serves
/// (<see cref="ServeOnFd"/>) until its parent goes away.
/// </summary>
public static class IpcProcess
{
    /// <summary>
    /// Starts <paramref name="exeName"/> from <paramref name="directory"/> (default: this program's directory) with
    /// <c>-ipcfd &lt;n&gt;</c> and connects to it. Logs <c>Process &lt;exe&gt; pid &lt;pid&gt; launched</c> and, when it
    /// ends, <c>Process &lt;exe&gt; pid &lt;pid&gt; exited with status &lt;n&gt;</c> (Debug). Call
    /// <see cref="IpcConnection.ConnectInit{TClient}"/> on the returned connection to reach the child's Init.
    /// </summary>
    public static SpawnedProcess Spawn(string exeName, string? directory = null, IpcConnectionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(exeName);
        var path = Path.Combine(directory ?? AppContext.BaseDirectory, exeName);
        return OperatingSystem.IsWindows() ? SpawnWindows(exeName, path, options) : SpawnUnix(exeName, path, options);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static SpawnedProcess SpawnWindows(string exeName, string path, IpcConnectionOptions? options)
    {
        if (!path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) && !File.Exists(path))
            path += ".exe";
        var (process, socket) = WindowsSpawner.Spawn(path);
        LogLaunched(options?.Logger, exeName, process.Id);
        var exited = WatchAsync(options?.Logger, exeName, process.Id, async () =>
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode;
        });
        return new SpawnedProcess(exeName, process.Id, IpcConnection.Create(socket, options), exited, SpawnedProcess.WindowsKill(process));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static SpawnedProcess SpawnUnix(string exeName, string path, IpcConnectionOptions? options)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Cannot start {exeName}: {path} does not exist.", path);
        var (pid, parentFd) = UnixSpawner.Spawn(path);
        LogLaunched(options?.Logger, exeName, pid);
        var exited = WatchAsync(options?.Logger, exeName, pid, () => Task.Factory.StartNew(() => UnixSpawner.WaitForExit(pid),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        var connection = IpcConnection.Create(SocketPairs.FromDescriptor(parentFd), options);
        return new SpawnedProcess(exeName, pid, connection, exited, signal => UnixSpawner.Signal(pid, signal));
    }

    /// <summary>
    /// True when <paramref name="args"/> (a Main's arguments, without the program path) are exactly
    /// <c>-ipcfd &lt;n&gt;</c>: the process was spawned to serve on descriptor <paramref name="fd"/> (on Windows: the
    /// pipe handle the socket comes through). Anything else means it was not spawned. A bad number throws an
    /// <see cref="ArgumentException"/> saying <c>Invalid -ipcfd number '...'</c>.
    /// </summary>
    public static bool TryGetSpawnedFd(IReadOnlyList<string> args, out int fd)
    {
        ArgumentNullException.ThrowIfNull(args);
        fd = -1;
        if (args.Count != 2 || args[0] != "-ipcfd")
            return false;
        if (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out fd) || fd < 0)
            throw new ArgumentException($"Invalid -ipcfd number '{args[1]}' (not a descriptor number)", nameof(args));
        return true;
    }

    /// <summary>
    /// Serves the Init made by <paramref name="init"/> on descriptor <paramref name="fd"/> (see
    /// <see cref="TryGetSpawnedFd"/>) until the parent closes the connection or goes away, then returns the exit
    /// code (0). Ctrl-C is ignored meanwhile (the parent decides when its children end), with a note on stderr.
    /// </summary>
    public static int ServeOnFd(int fd, Func<IpcConnection, IClientHook> init, IpcConnectionOptions? options = null)
    {
        ServeOnFdAsync(fd, init, options).GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>The asynchronous form of <see cref="ServeOnFd"/>: completes when the connection has ended and
    /// everything it served is released.</summary>
    public static async Task ServeOnFdAsync(int fd, Func<IpcConnection, IClientHook> init, IpcConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(init);
        var exeName = options?.ExeName ?? Internal.ThreadNames.DefaultExeName;
        Socket socket;
        if (OperatingSystem.IsWindows())
        {
            socket = WindowsSpawner.ReceiveSocket(fd);
        }
        else
        {
            // Processes this child starts must not inherit its connection to the parent.
            SocketPairs.SetCloseOnExec(fd, true);
            socket = SocketPairs.FromDescriptor(fd);
        }

        using var ignoreInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            Console.Error.WriteLine($"[{exeName}] SIGINT received — waiting for parent to shut down.");
        });
        var connection = IpcConnection.Create(socket, new IpcConnectionOptions
        {
            Init = init,
            ExeName = exeName,
            Logger = options?.Logger,
            ReaderOptions = options?.ReaderOptions ?? ReaderOptions.Default,
            MaxTraceChars = options?.MaxTraceChars ?? 1000,
        });
        await connection.Completion.ConfigureAwait(false);
    }

    private static void LogLaunched(IIpcLogger? logger, string exeName, int pid)
    {
        if (logger?.IsEnabled(IpcLogLevel.Debug) == true)
            logger.Log(IpcLogLevel.Debug, $"Process {exeName} pid {pid} launched");
    }

    private static async Task<int> WatchAsync(IIpcLogger? logger, string exeName, int pid, Func<Task<int>> wait)
    {
        int status = await wait().ConfigureAwait(false);
        if (logger?.IsEnabled(IpcLogLevel.Debug) == true)
            logger.Log(IpcLogLevel.Debug, $"Process {exeName} pid {pid} exited with status {status}");
        return status;
    }
}
