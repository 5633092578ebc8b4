namespace Bitcoin.Wallet.Storage;

/// <summary>
/// Opens or creates the database at a wallet path (Core's <c>MakeDatabase</c>): used by the wallets of a node
/// (<see cref="WalletContext"/>) and by the offline wallet tool, which has no node.
/// </summary>
internal static class WalletDatabaseFactory
{
    /// <summary>
    /// Opens the database in <paramref name="walletPath"/> (a wallet directory, or a data file directly in the wallet
    /// directory): null with Core's message and the matching status when the wallet is missing, in another format,
    /// already exists (with <see cref="DatabaseOptions.RequireCreate"/>), cannot be opened or does not verify.
    /// </summary>
    public static SqliteWalletDatabase? MakeDatabase(string walletPath, DatabaseOptions options, WalletChainInfo chainInfo, out DatabaseStatus status,
        out string error)
    {
        error = "";
        bool exists = Directory.Exists(walletPath) || File.Exists(walletPath) || new FileInfo(walletPath).LinkTarget is not null;
        string? format = null;
        if (exists)
        {
            if (WalletPaths.IsBdbFile(WalletPaths.BdbDataFile(walletPath))) format = "bdb";
            if (WalletPaths.IsSqliteFile(WalletPaths.DataFile(walletPath), chainInfo.MessageStart))
            {
                if (format is not null)
                {
                    error = $"Failed to load database path '{walletPath}'. Data is in ambiguous format.";
                    status = DatabaseStatus.FailedBadFormat;
                    return null;
                }

                format = "sqlite";
            }
        }
        else if (options.RequireExisting)
        {
            error = $"Failed to load database path '{walletPath}'. Path does not exist.";
            status = DatabaseStatus.FailedNotFound;
            return null;
        }

        if (format is null && options.RequireExisting)
        {
            error = $"Failed to load database path '{walletPath}'. Data is not in recognized format.";
            status = DatabaseStatus.FailedBadFormat;
            return null;
        }

        if (format is not null && options.RequireCreate)
        {
            error = $"Failed to create database path '{walletPath}'. Database already exists.";
            status = DatabaseStatus.FailedAlreadyExists;
            return null;
        }

        if (format == "bdb")
        {
            error = $"Failed to open database path '{walletPath}'. The wallet appears to be a Legacy wallet, please use the wallet migration tool (migratewallet RPC or the GUI option).";
            status = DatabaseStatus.FailedLegacyDisabled;
            return null;
        }

        SqliteWalletDatabase database;
        try
        {
            database = SqliteWalletDatabase.Open(WalletPaths.DataFile(walletPath), chainInfo.ApplicationId, options.UseUnsafeSync);
        }
        catch (WalletDataException e)
        {
            error = e.Message;
            status = DatabaseStatus.FailedLoad;
            return null;
        }

        if (options.Verify && !database.Verify(out error))
        {
            database.Dispose();
            status = DatabaseStatus.FailedVerify;
            return null;
        }

        status = DatabaseStatus.Success;
        return database;
    }
}
