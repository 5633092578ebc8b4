namespace Bitcoin.Interfaces;

/// <summary>What <see cref="IWalletLoader.MigrateWallet"/> produced (Core's <c>interfaces::WalletMigrationResult</c>).</summary>
/// <param name="Wallet">The migrated wallet, if it was loaded.</param>
/// <param name="WatchOnlyWalletName">The name of the watch-only wallet made alongside, if any.</param>
/// <param name="SolvablesWalletName">The name of the solvables wallet made alongside, if any.</param>
/// <param name="BackupPath">Where the backup of the original wallet was written.</param>
public sealed record WalletMigrationResult(IWallet? Wallet, string? WatchOnlyWalletName, string? SolvablesWalletName, string BackupPath);
