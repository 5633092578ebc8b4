using Bitcoin.Common.Logging;

namespace Apps.bitcoin_node;

internal sealed partial class WalletProcessLoader
{
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(30);

    private void Attach(WalletChild child)
    {
        lock (_lock)
            _child = child;
        child.Process.Connection.Disconnected.ContinueWith(t => OnDisconnected(child, t.Result),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// The wallet process's connection ended. At shutdown that is expected; otherwise the process died or broke the
    /// protocol: it is logged, the child is reaped (killed first if still running), and a new one is spawned on a
    /// thread of its own so the node's other work goes on.
    /// </summary>
    private void OnDisconnected(WalletChild child, Exception? reason)
    {
        lock (_lock)
        {
            if (_stopping || _child != child)
                return;
            _child = null;
            _rpcCommands.Available = false;
            Log.Error($"Wallet process {WalletChild.ExeName} pid {child.Process.Pid} disconnected ({reason?.Message ?? "connection closed"}); " +
                      "wallet RPCs are unavailable until it is restarted");
            _respawnThread = new Thread(() => Respawn(child)) { IsBackground = true, Name = "walletrespawn" };
            _respawnThread.Start();
        }
    }

    private void Respawn(WalletChild dead)
    {
        Bitcoin.Common.Logging.ThreadNames.Rename("walletrespawn");
        if (!dead.Process.Exited.Wait(TimeSpan.FromSeconds(5)))
            dead.Process.Kill();
        try
        {
            dead.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is Capnp.Rpc.RpcException or IOException or ObjectDisposedException)
        {
            Log.Warning($"Releasing the dead wallet process: {e.Message}");
        }

        var delay = s_firstRetryDelay;
        while (!IsStopping())
        {
            try
            {
                var child = WalletChild.Spawn(_chain, Bitcoin.Interfaces.GlobalArgs.From(_args));
                if (Replay(child))
                {
                    lock (_lock)
                    {
                        if (!_stopping)
                        {
                            _rpcCommands.Available = true;
                            Attach(child);
                            Log.Info($"Wallet process {WalletChild.ExeName} pid {child.Process.Pid} restarted; {_loadedWallets.Count} wallet(s) reloaded");
                            return;
                        }
                    }
                }

                child.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is Capnp.Rpc.RpcException or IOException or InvalidOperationException or FileNotFoundException
                                          or System.ComponentModel.Win32Exception)
            {
                Log.Error($"Could not restart the wallet process: {e.Message}");
            }

            // Waits for the delay, or less when the node starts shutting down.
            if (_stopSignal.Wait(delay))
                return;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRetryDelay.Ticks));
        }
    }

    /// <summary>
    /// Runs the steps the node ran on the previous process (Core's init order) on the new one, with the wallets that
    /// were loaded named for verify and load. If that fails, the wallets that were loaded are forgotten, so the next
    /// attempt loads what -wallet and settings.json name, as a restarted node would.
    /// </summary>
    private bool Replay(WalletChild child)
    {
        if (_mockTime is { } time)
            child.Loader.SetMockTime(time);
        if (_rpcsRegistered)
            child.Loader.RegisterRpcs();
        lock (_lock)
            _chain.ReloadWallets = _loaded ? _loadedWallets : [];
        try
        {
            if (!child.Loader.Verify() || (_loaded && !child.Loader.Load()))
            {
                Log.Error("The restarted wallet process could not verify or load its wallets; retrying with the wallets of -wallet and settings.json only");
                lock (_lock)
                    _loadedWallets = [];
                return false;
            }
        }
        finally
        {
            _chain.ReloadWallets = [];
        }

        if (_started)
            child.Loader.Start();
        return true;
    }

    private bool IsStopping()
    {
        lock (_lock)
            return _stopping;
    }
}
