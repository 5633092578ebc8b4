namespace Bitcoin.Wallet.Storage;

/// <summary>The outcome of reading a wallet file (Core's <c>DBErrors</c>); higher is worse.</summary>
public enum DbErrors
{
    LoadOk = 0,
    NeedRescan = 1,
    ExternalSignerSupportRequired = 3,
    NonCriticalError = 4,
    TooNew = 5,
    UnknownDescriptor = 6,
    LoadFail = 7,
    UnexpectedLegacyEntry = 8,
    LegacyWallet = 9,
    Corrupt = 10,
}
