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
}
