namespace Bitcoin.Wallet.Storage;

/// <summary>Why opening a wallet database failed (Core's <c>DatabaseStatus</c>); the RPCs map these to error codes.</summary>
public enum DatabaseStatus
{
    Success,
    FailedBadPath,
    FailedBadFormat,
    FailedLegacyDisabled,
    FailedAlreadyLoaded,
    FailedAlreadyExists,
    FailedNotFound,
    FailedCreate,
    FailedLoad,
    FailedVerify,
    FailedEncrypt,
    FailedInvalidBackupFile,
    FailedNewUnnamed,
}
