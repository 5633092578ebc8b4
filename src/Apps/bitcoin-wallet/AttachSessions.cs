using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Ipc;
using Multiprocess;
using Multiprocess.Addresses;

namespace Apps.bitcoin_wallet;

/// <summary>
/// The connections of an attached wallet process to its node, one after another: the first must succeed (a node that
/// is not there, an address it may not use or a wrong secret end the process with an error); after a node that went
/// away, it retries with back-off and, once connected again, reloads the wallets it had.
/// </summary>
internal sealed class AttachSessions(WalletProcess process, string address, LocalRpcTable? local, CancellationToken stopping)
{
    private IReadOnlyList<string> _reloadWallets = [];

    private enum SessionEnd
    {
        Stopped,
        NodeGone,
        Failed,
    }

    /// <summary>Runs sessions until stopped; returns the exit status.</summary>
    public int Run()
    {
        bool first = true;
        int attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            IpcInitClient? init;
            try
            {
                init = IpcInitClient.ConnectAsync(address, process.Args.GetDataDirNet(), AttachedWallet.ConnectOptions(process.Args),
                    AttachedWallet.ConnectionOptions, stopping).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (first || e is IpcAuthenticationException or IpcAddressException)
            {
                return Error($"Cannot attach to the node at '{address}': {e.Message}");
            }
            catch (Exception e) when (e is IpcConnectException or IOException or System.Net.Sockets.SocketException or Capnp.Rpc.RpcException)
            {
                var delay = AttachedWallet.RetryDelay(attempt++);
                Log.Info($"Node at '{address}' not reachable ({e.Message}); retrying in {delay.TotalSeconds:0} s");
                stopping.WaitHandle.WaitOne(delay);
                continue;
            }

            if (init is null)
                return Error($"Cannot attach to the node at '{address}': nothing is listening there");
            first = false;
            attempt = 0;
            SessionEnd end;
            using (init)
                end = RunSession(init);
            if (end == SessionEnd.Failed)
                return 1;
            if (end == SessionEnd.Stopped)
                break;
        }

        Log.Info("Wallet process stopped");
        return 0;
    }

    private SessionEnd RunSession(IpcInitClient init)
    {
        local?.Table.SetWarmupStarting();
        local?.Table.SetWarmupStatus("Loading wallets…");
        IChain nodeChain;
        try
        {
            nodeChain = init.MakeChain() ?? throw new InvalidOperationException("the process there does not serve a chain (is it bitcoin-node?)");
        }
        catch (Exception e) when (e is Capnp.Rpc.RpcException or InvalidOperationException)
        {
            Error($"Cannot attach to the node at '{address}': {e.Message}");
            return SessionEnd.Failed;
        }

        using var chain = new AttachedChain(nodeChain, local, _reloadWallets);
        var loader = process.MakeWalletLoader(chain);
        try
        {
            loader.RegisterRpcs();
            if (!loader.Verify() || !loader.Load())
                return init.Connection.IsConnected ? SessionEnd.Failed : NodeGone(loader);
            loader.Start();
            local?.Table.SetWarmupFinished();
            Log.Info($"Attached to the node at '{address}'");
            WaitHandle.WaitAny([((IAsyncResult)init.Connection.Disconnected).AsyncWaitHandle, stopping.WaitHandle]);
            if (stopping.IsCancellationRequested && init.Connection.IsConnected)
            {
                Log.Info("Stopping: unloading the wallets");
                loader.Stop();
                return SessionEnd.Stopped;
            }

            return NodeGone(loader);
        }
        catch (Capnp.Rpc.RpcException e) when (!init.Connection.IsConnected)
        {
            Log.Warning($"The node went away while the wallets were starting: {e.Message}");
            return NodeGone(loader);
        }
        finally
        {
            local?.Table.SetWarmupStarting();
            local?.Table.SetWarmupStatus("Waiting for the node…");
            AttachedWallet.IgnoreNodeGone(loader.Dispose);
        }
    }

    private SessionEnd NodeGone(IWalletLoader loader)
    {
        // Remember what was loaded: the next connection's loader reloads these besides -wallet and settings.json.
        _reloadWallets = [.. loader.GetWallets().Select(w => w.GetWalletName())];
        Log.Warning($"Lost the connection to the node at '{address}'; unloading the wallets and waiting for the node to come back");
        loader.Stop();
        return stopping.IsCancellationRequested ? SessionEnd.Stopped : SessionEnd.NodeGone;
    }

    private static int Error(string message)
    {
        Log.Error(message);
        Console.Error.Write($"Error: {message}\n");
        return 1;
    }
}
