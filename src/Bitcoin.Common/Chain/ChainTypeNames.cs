namespace Bitcoin.Common.Chain;

/// <summary>The names of the chains as Core writes them (<c>-chain=</c>, config sections, <c>getblockchaininfo</c>).</summary>
public static class ChainTypeNames
{
    /// <summary>The list shown in help and errors: "main, test, testnet4, signet, regtest".</summary>
    public const string ListChainNames = "main, test, testnet4, signet, regtest";

    /// <summary>Every chain, in Core's order.</summary>
    public static IReadOnlyList<ChainType> All { get; } =
        [ChainType.Main, ChainType.Testnet, ChainType.Testnet4, ChainType.Signet, ChainType.Regtest];

    /// <summary>The chain's name: "main", "test", "testnet4", "signet" or "regtest".</summary>
    public static string ToName(this ChainType chain) => chain switch
    {
        ChainType.Main => "main",
        ChainType.Testnet => "test",
        ChainType.Testnet4 => "testnet4",
        ChainType.Signet => "signet",
        ChainType.Regtest => "regtest",
        _ => throw new ArgumentOutOfRangeException(nameof(chain), chain, "Unknown chain type"),
    };

    /// <summary>Parses a chain name exactly as written by <see cref="ToName"/> (case-sensitive, as Core).</summary>
    public static bool TryParse(string? name, out ChainType chain)
    {
        switch (name)
        {
            case "main": chain = ChainType.Main; return true;
            case "test": chain = ChainType.Testnet; return true;
            case "testnet4": chain = ChainType.Testnet4; return true;
            case "signet": chain = ChainType.Signet; return true;
            case "regtest": chain = ChainType.Regtest; return true;
            default: chain = default; return false;
        }
    }
}
