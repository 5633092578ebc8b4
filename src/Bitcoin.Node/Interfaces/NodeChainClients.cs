using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Node.Context;

namespace Bitcoin.Node.Interfaces;

/// <summary>
/// The start-up and shutdown steps of the node's chain clients (the wallet), as Core's init.cpp runs them over
/// <c>node.chain_clients</c>: construct (Core's WalletInit::Construct), register RPCs, verify (step 5), load (step 9),
/// start (after "Done loading"), stop (after the RPC server) and release. Each step does nothing when there are no clients.
/// </summary>
public static class NodeChainClients
{
    /// <summary>
    /// Creates the wallet loader through <paramref name="makeWalletLoader"/> unless the executable has no wallet (null)
    /// or <c>-disablewallet</c> is set ("Wallet disabled!"); needs <see cref="NodeContext.Chain"/>.
    /// </summary>
    public static void Construct(NodeContext node, Func<IChain, ArgsManager, IWalletLoader>? makeWalletLoader)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (makeWalletLoader is null) return;
        if (node.Args.GetBoolArg("-disablewallet", false))
        {
            Log.Info("Wallet disabled!");
            return;
        }

        var chain = node.Chain ?? throw new InvalidOperationException("The node's chain interface is not made yet.");
        var loader = makeWalletLoader(chain, node.Args);
        node.WalletLoader = loader;
        node.ChainClients.Add(loader);
    }

    /// <summary>Lets every client add its RPC commands to the node's table (before the server leaves warm-up).</summary>
    public static void RegisterRpcs(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var client in node.ChainClients) client.RegisterRpcs();
    }

    /// <summary>Checks every client's data (wallet files); false after a client reported an init error.</summary>
    public static bool Verify(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ChainClients.All(client => client.Verify());
    }

    /// <summary>Loads every client's data (wallets); false after a client reported an init error.</summary>
    public static bool Load(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ChainClients.All(client => client.Load());
    }

    /// <summary>Starts the clients' background work (rebroadcast, resubmitting wallet transactions).</summary>
    public static void Start(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var client in node.ChainClients) client.Start();
    }

    /// <summary>Stops the clients (unloads wallets, flushing them); a failing client is logged and the others still stop.</summary>
    public static void Stop(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var client in node.ChainClients)
        {
            try
            {
                client.Stop();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // A client in another process may have gone away; shutdown goes on (Core logs and drops it too).
                Log.Error($"Chain client did not stop cleanly: {e.Message}");
            }
        }
    }

    /// <summary>Releases the clients (Core's <c>chain_clients.clear()</c>), after they were stopped.</summary>
    public static void Release(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var client in node.ChainClients) client.Dispose();
        node.ChainClients.Clear();
        node.WalletLoader = null;
    }

    /// <summary>Passes a new mock time to every client (setmocktime).</summary>
    public static void SetMockTime(NodeContext node, long time)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var client in node.ChainClients) client.SetMockTime(time);
    }
}
