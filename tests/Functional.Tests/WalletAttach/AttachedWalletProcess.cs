using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;
using Functional.Tests.Ipc;

namespace Functional.Tests.WalletAttach;

/// <summary>
/// A bin/bitcoin-wallet attached with <c>-ipcconnect</c> to an <see cref="IpcNode"/>, in its own temporary data
/// directory, serving RPC itself (<c>-server</c>) on a free port of 127.0.0.1 with its own cookie. Disposing kills it
/// if it still runs and deletes its data directory.
/// </summary>
internal sealed class AttachedWalletProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    public AttachedWalletProcess()
    {
        DataDir = Directory.CreateTempSubdirectory("wattach").FullName;
        RpcPort = FreePorts.Next();
    }

    public string DataDir { get; }

    public string NetDir => Path.Combine(DataDir, "regtest");

    public int RpcPort { get; }

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

    /// <summary>Starts the process (with <paramref name="runAs"/> prefixing the command, e.g. setpriv) without waiting.</summary>
    public void Start(IReadOnlyList<string> arguments, IReadOnlyList<string>? runAs = null)
    {
        var wallet = RepoPaths.Executable("bitcoin-wallet");
        var command = runAs is { Count: > 0 } ? [.. runAs, wallet] : new List<string> { wallet };
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A small key pool keeps createwallet quick; nothing here needs many addresses.
        foreach (var argument in command.Skip(1).Concat(["-regtest", $"-datadir={DataDir}", "-printtoconsole=0", "-keypool=10", .. arguments]))
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
    }

    /// <summary>Starts the process serving RPC on its port and waits until it has attached and loaded its wallets.</summary>
    public async Task StartServerAsync(string ipcConnect, params string[] extra)
    {
        Start([$"-ipcconnect={ipcConnect}", "-server", $"-rpcport={RpcPort}", .. extra]);
        await WaitReadyAsync();
    }

    /// <summary>Waits until the process answers on its own port (it leaves warm-up once attached and loaded).</summary>
    public async Task WaitReadyAsync()
    {
        var ready = await CliAsync("-rpcwait", $"-rpcwaittimeout={(int)NodeProcess.Patience.TotalSeconds}", "listwallets");
        if (ready.ExitCode != 0)
            throw new InvalidOperationException($"bitcoin-wallet did not attach: {ready.Stderr}\nwallet stderr:\n{Stderr}\nlog:\n{ReadDebugLog()}");
    }

    /// <summary>Runs bin/bitcoin-cli against this process's own port and cookie.</summary>
    public Task<ProcessResult> CliAsync(params string[] arguments) =>
        IpcNode.RunAsync("bitcoin-cli", ["-regtest", $"-datadir={DataDir}", $"-rpcport={RpcPort}", "-ipcconnect=0", .. arguments]);

    /// <summary>Runs a command on this process's port and parses its JSON (or plain) result; fails on an error.</summary>
    public async Task<JsonNode?> CallAsync(params string[] arguments)
    {
        var result = await CliAsync(arguments);
        Assert.True(result.ExitCode == 0, $"bitcoin-cli {string.Join(' ', arguments)}: {result.Stderr}");
        return JsonNode.Parse(result.Stdout);
    }

    /// <summary>Sends SIGTERM and waits for the exit status.</summary>
    public async Task<int> TerminateAsync()
    {
        LibC.Kill(_process!.Id, SigTerm);
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The wallet process is not started.");
        using var timeout = new CancellationTokenSource(NodeProcess.Patience);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
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
