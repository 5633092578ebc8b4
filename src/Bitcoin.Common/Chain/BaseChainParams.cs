namespace Bitcoin.Common.Chain;

/// <summary>
/// The chain facts that clients and the node share (Core's <c>CBaseChainParams</c> plus the default P2P port the onion
/// service target derives from): network data subdirectory, default RPC port and ports.
/// </summary>
/// <param name="Chain">The chain.</param>
/// <param name="DataDir">Subdirectory of the data directory for this chain: "" (main), "testnet3", "testnet4", "signet", "regtest".</param>
/// <param name="RpcPort">Default JSON-RPC port: 8332, 18332, 48332, 38332, 18443.</param>
/// <param name="DefaultPort">Default P2P port: 8333, 18333, 48333, 38333, 18444.</param>
public sealed record BaseChainParams(ChainType Chain, string DataDir, ushort RpcPort, ushort DefaultPort)
{
    private static readonly BaseChainParams s_main = new(ChainType.Main, "", 8332, 8333);
    private static readonly BaseChainParams s_testnet = new(ChainType.Testnet, "testnet3", 18332, 18333);
    private static readonly BaseChainParams s_testnet4 = new(ChainType.Testnet4, "testnet4", 48332, 48333);
    private static readonly BaseChainParams s_signet = new(ChainType.Signet, "signet", 38332, 38333);
    private static readonly BaseChainParams s_regtest = new(ChainType.Regtest, "regtest", 18443, 18444);

    /// <summary>The chain's name ("main", "test", ...).</summary>
    public string Name => Chain.ToName();

    /// <summary>
    /// The port incoming Tor connections are forwarded to by default (the P2P port plus one: 8334, 18334, 48334, 38334,
    /// 18445), bound as <c>127.0.0.1:&lt;port&gt;=onion</c>.
    /// </summary>
    public ushort OnionServiceTargetPort => (ushort)(DefaultPort + 1);

    /// <summary>The parameters of a chain.</summary>
    public static BaseChainParams For(ChainType chain) => chain switch
    {
        ChainType.Main => s_main,
        ChainType.Testnet => s_testnet,
        ChainType.Testnet4 => s_testnet4,
        ChainType.Signet => s_signet,
        ChainType.Regtest => s_regtest,
        _ => throw new ArgumentOutOfRangeException(nameof(chain), chain, "Unknown chain type"),
    };
}
