using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Functional.Tests.Infrastructure;

/// <summary>
/// A regtest bitcoind from bin/ in its own temporary data directory, with free RPC and P2P ports on 127.0.0.1.
/// <see cref="StartAsync"/> waits until RPC answers (after warm-up); <see cref="RpcAsync"/> calls it with the cookie.
/// Disposing always cleans up: a node still running is killed with SIGKILL and the data directory is deleted
/// (kept when the environment variable FUNCTIONAL_TESTS_KEEP_DATADIR is set, to look at debug.log).
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    /// <summary>How long start-up and shutdown may take before the test fails rather than hangs.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private RpcClient? _rpc;
    private bool _daemon;

    private NodeProcess(string dataDir, string executable)
    {
        DataDir = dataDir;
        Executable = executable;
        RpcPort = FreePorts.Next();
        P2pPort = FreePorts.Next();
    }

    /// <summary>The node executable in bin/: "bitcoind", or "bitcoin-node" (which runs its wallet in bitcoin-wallet).</summary>
    public string Executable { get; }

    /// <summary>The data directory (-datadir).</summary>
    public string DataDir { get; }

    /// <summary>The regtest network directory inside it, where the cookie, pid file, debug.log and blocks are.</summary>
    public string NetDir => Path.Combine(DataDir, "regtest");

    /// <summary>The RPC port.</summary>
    public int RpcPort { get; }

    /// <summary>The P2P port.</summary>
    public int P2pPort { get; }

    /// <summary>The node's process id, while started.</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("The node is not started.");

    /// <summary>The cookie file path.</summary>
    public string CookieFile => Path.Combine(NetDir, ".cookie");

    /// <summary>The pid file path.</summary>
    public string PidFile => Path.Combine(NetDir, "bitcoind.pid");

    /// <summary>The debug.log path.</summary>
    public string DebugLogPath => Path.Combine(NetDir, "debug.log");

    /// <summary>What the node wrote to stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
                return _stdout.ToString();
        }
    }

    /// <summary>What the node wrote to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>A node with a new, empty data directory (not started).</summary>
    public static NodeProcess Create(string executable = "bitcoind") => new(Directory.CreateTempSubdirectory("bitcoind-ft-").FullName, executable);

    /// <summary>The command-line arguments every start gets: chain, data directory, ports, no console log.</summary>
    public IReadOnlyList<string> BaseArguments =>
    [
        "-regtest",
        $"-datadir={DataDir}",
        $"-rpcport={RpcPort}",
        $"-port={P2pPort}",
        "-bind=127.0.0.1",
        "-printtoconsole=0",
        "-listenonion=0",
        "-discover=0",
        "-dnsseed=0",
        "-fixedseeds=0",
        "-natpmp=0",
    ];

    /// <summary>Reads debug.log ("" if it does not exist).</summary>
    public string ReadDebugLog() => File.Exists(DebugLogPath) ? File.ReadAllText(DebugLogPath) : string.Empty;

    /// <summary>Writes bitcoin.conf in the data directory.</summary>
    public void WriteConfig(string text) => File.WriteAllText(Path.Combine(DataDir, "bitcoin.conf"), text);

    /// <summary>Starts the node with <see cref="BaseArguments"/> plus <paramref name="extraArguments"/> and waits for RPC.</summary>
    public async Task StartAsync(params string[] extraArguments)
    {
        Launch(extraArguments);
        await WaitForRpcAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the process with <see cref="BaseArguments"/> and <paramref name="extraArguments"/> without waiting.</summary>
    public void Launch(params string[] extraArguments) => LaunchExactly(BaseArguments.Concat(extraArguments));

    /// <summary>Starts the process with exactly <paramref name="arguments"/> (no base arguments) without waiting.</summary>
    public void LaunchExactly(IEnumerable<string> arguments)
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("The node is already running.");
        _process?.Dispose();
        _rpc?.Dispose();
        _rpc = null;
        lock (_stdout)
            _stdout.Clear();
        lock (_stderr)
            _stderr.Clear();

        var info = new ProcessStartInfo(RepoPaths.Executable(Executable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>
    /// Waits until the cookie exists and an RPC call is answered outside warm-up. Fails (with the node's stderr) if
    /// the process exits first.
    /// </summary>
    public async Task WaitForRpcAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true } exited)
                throw new InvalidOperationException($"bitcoind exited with status {exited.ExitCode} during start-up. stderr:\n{Stderr}");
            if (File.Exists(CookieFile))
            {
                try
                {
                    await RpcAsync("getrpcinfo").ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is RpcError { Code: -28 } or HttpRequestException or IOException)
                {
                    last = e;
                    _rpc?.Dispose();
                    _rpc = null;
                }
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"bitcoind did not answer RPC within {Patience}. Last error: {last?.Message}");
    }

    /// <summary>Calls an RPC method with the cookie credentials.</summary>
    public Task<JsonNode?> RpcAsync(string method, params object?[] parameters)
    {
        _rpc ??= new RpcClient(RpcPort, File.ReadAllText(CookieFile).Trim());
        return _rpc.CallAsync(method, parameters);
    }

    /// <summary>True if the node has the RPC method (help does not say "unknown command").</summary>
    public async Task<bool> HasRpcAsync(string method)
    {
        var help = (await RpcAsync("help", method).ConfigureAwait(false))?.GetValue<string>() ?? string.Empty;
        return !help.StartsWith("help: unknown command", StringComparison.Ordinal);
    }

    /// <summary>Asks the node to stop through RPC and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await RpcAsync("stop").ConfigureAwait(false);
        return await WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Sends a signal to the node.</summary>
    public void Signal(int signal) => LibC.Kill(Pid, signal);

    /// <summary>Waits for the process to exit and returns its exit code; fails after <see cref="Patience"/>.</summary>
    public async Task<int> WaitForExitAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The node is not started.");
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"bitcoind did not exit within {Patience}. stderr:\n{Stderr}");
        }

        return process.ExitCode;
    }

    /// <summary>Kills the node with SIGKILL (no clean shutdown) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Runs bitcoind to completion with <paramref name="arguments"/> (no base arguments) and returns how it ended.</summary>
    public static async Task<ProcessResult> RunToExitAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(RepoPaths.Executable("bitcoind"))
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
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bitcoind {string.Join(' ', arguments)} did not exit within {Patience}");
        }

        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>
    /// Marks the node as started in the background (-daemon): on dispose, the process named in the pid file is killed
    /// too if it still runs.
    /// </summary>
    public void ExpectDaemon() => _daemon = true;

    /// <summary>The process id written to the pid file, or null if there is none.</summary>
    public int? ReadPidFile() =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : null;

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        if (_daemon && ReadPidFile() is { } daemonPid && LibC.ProcessExists(daemonPid))
        {
            LibC.Kill(daemonPid, LibC.SIGKILL);
            for (var i = 0; i < 100 && LibC.ProcessExists(daemonPid); i++)
                await Task.Delay(50).ConfigureAwait(false);
        }

        _process?.Dispose();
        _rpc?.Dispose();
        if (Environment.GetEnvironmentVariable("FUNCTIONAL_TESTS_KEEP_DATADIR") is null)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // A daemon child of a failed test may still be writing; the temp folder is cleaned by the system later.
            }
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
            return;
        lock (buffer)
            buffer.Append(line).Append('\n');
    }
}
