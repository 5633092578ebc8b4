using Bitcoin.Common.Args;
using Bitcoin.Node.Context;

namespace Bitcoin.Node.Init;

/// <summary>What an executable adds to the node's start-up (bitcoind, bitcoin-node).</summary>
public sealed record NodeMainOptions
{
    /// <summary>
    /// The executable's name when it differs from bitcoind's (e.g. "bitcoin-node"); shown after the version in
    /// <c>-version</c> and <c>-help</c>, as Core's <c>exeName()</c>.
    /// </summary>
    public string? ExeName { get; init; }

    /// <summary>Registers every option the executable accepts (the node's and, where there is one, the wallet's).</summary>
    public required Action<ArgsManager> SetupServerArgs { get; init; }

    /// <summary>Registers RPC command sets beyond the node's own (e.g. the wallet's), before the server starts.</summary>
    public Action<NodeContext>? RegisterRpcCommands { get; init; }

    /// <summary>Whether the RPC server serves <c>/wallet/&lt;name&gt;</c> (true when the process has wallet support).</summary>
    public bool WalletEndpoints { get; init; }

    /// <summary>
    /// Makes the wallet loader on the node's chain (Core's <c>Init::makeWalletLoader</c>); null for an executable without
    /// a wallet. Not called with <c>-disablewallet</c>.
    /// </summary>
    public Func<Bitcoin.Interfaces.IChain, ArgsManager, Bitcoin.Interfaces.IWalletLoader>? MakeWalletLoader { get; init; }

    /// <summary>The wallet's option interactions (Core's <c>WalletInitInterface::ParameterInteraction</c>); false stops start-up.</summary>
    public Func<ArgsManager, bool>? WalletParameterInteraction { get; init; }

    /// <summary>
    /// Starts listening for IPC (bitcoin-node's <c>-ipcbind</c>, Core's <c>listenAddress</c> loop) once the RPC commands
    /// are registered; false stops start-up, the hook having reported the error.
    /// </summary>
    public Func<NodeContext, bool>? StartIpc { get; init; }

    /// <summary>
    /// Stops listening for IPC and disconnects IPC clients (Core's <c>disconnectIncoming</c>) at shutdown, after running
    /// RPC calls were interrupted and before the node shuts down; also after a failed start.
    /// </summary>
    public Action<NodeContext>? StopIpc { get; init; }
}
