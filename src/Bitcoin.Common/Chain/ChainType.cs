namespace Bitcoin.Common.Chain;

/// <summary>The chains a node can run, as Core's ChainType. Names on the command line: main, test, testnet4, signet, regtest.</summary>
public enum ChainType
{
    Main,
    Testnet,
    Testnet4,
    Signet,
    Regtest,
}
