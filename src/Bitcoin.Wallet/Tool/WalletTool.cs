using Bitcoin.Common.Args;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Storage;

namespace Bitcoin.Wallet.Tool;

/// <summary>
/// The commands of the offline wallet tool (Core's wallet/wallettool.cpp and wallet/dump.cpp): <c>info</c>,
/// <c>create</c>, <c>dump</c> and <c>createfromdump</c> on the wallet named by <c>-wallet</c> in the wallet directory
/// of <c>-datadir</c> and the selected chain. No node is involved: a wallet is opened without a chain, its records are
/// read into memory and nothing is written that Core's tool would not write. Output and messages are Core's, on the
/// writers given.
/// </summary>
public static partial class WalletTool
{
    /// <summary>
    /// Runs <paramref name="command"/> (Core's ExecuteWalletToolFunc) with the tool's arguments, whose chain must be
    /// selected already. Results go to <paramref name="output"/>, errors to <paramref name="errors"/>; false when the
    /// command failed (the process then exits with 1). As Core, <c>create</c> reports a wallet it could not create on
    /// <paramref name="errors"/> but still returns true.
    /// </summary>
    public static bool Execute(ArgsManager args, string command, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);

        var details = new List<string>();
        if (!args.CheckCommandOptions(command, details))
        {
            errors.Write($"Error: Invalid arguments provided:\n{string.Join("\n", details.Select(d => "- " + d))}\n");
            return false;
        }

        if (command is "create" or "createfromdump" && !args.IsArgSet("-wallet"))
        {
            errors.Write("Wallet name must be provided when creating a new wallet.\n");
            return false;
        }

        var name = args.GetArg("-wallet", "");
        var walletPath = WalletPaths.GetWalletPath(GetWalletDir(args), name, out var pathError);
        if (walletPath is null)
        {
            errors.Write(pathError + "\n");
            return false;
        }

        var chainInfo = WalletChainInfo.FromArgs(args);
        switch (command)
        {
            case "create":
                if (name.Length == 0)
                {
                    errors.Write("Wallet name cannot be empty\n");
                    return false;
                }

                Create(name, walletPath, chainInfo, output, errors);
                return true;
            case "info":
                return Info(name, walletPath, chainInfo, output, errors);
            case "dump":
                return Dump(args, walletPath, chainInfo, output, errors);
            case "createfromdump":
                return CreateFromDump(args, name, walletPath, chainInfo, errors);
            default:
                errors.Write($"Invalid command: {command}\n");
                return false;
        }
    }

    // Core's GetWalletDir through GetDataDirNet, which makes the network data directory on first use and a wallets
    // directory in it, so that a first "create" puts its wallet where the node will look for it.
    private static string GetWalletDir(ArgsManager args)
    {
        var netDir = args.GetDataDirNet();
        if (netDir.Length > 0 && !Directory.Exists(netDir))
        {
            Directory.CreateDirectory(netDir);
            Directory.CreateDirectory(Path.Join(netDir, "wallets"));
        }

        return WalletPaths.GetWalletDir(args);
    }

    private static void Create(string name, string walletPath, WalletChainInfo chainInfo, TextWriter output, TextWriter errors)
    {
        var options = new DatabaseOptions { RequireCreate = true };
        using var wallet = MakeWallet(name, walletPath, options, chainInfo, errors);
        if (wallet is null)
            return;
        try
        {
            lock (wallet.Wallet.SyncRoot)
            {
                // A new wallet of the tool has the descriptors flag only, as Core's tool writes it (the node adds
                // the last-hardened-xpub cache flag when it first loads the wallet).
                wallet.Wallet.InitWalletFlags((ulong)WalletFlags.Descriptors);
                wallet.Wallet.SetupDescriptorScriptPubKeyMans();
                output.Write("Topping up keypool...\n");
                wallet.Wallet.TopUpKeyPool();
            }
        }
        catch (InvalidOperationException e)
        {
            errors.Write(e.Message + "\n");
            return;
        }

        ShowInfo(wallet.Wallet, output);
    }

    private static bool Info(string name, string walletPath, WalletChainInfo chainInfo, TextWriter output, TextWriter errors)
    {
        var options = new DatabaseOptions { RequireExisting = true };
        using var wallet = MakeWallet(name, walletPath, options, chainInfo, errors);
        if (wallet is null)
            return false;
        ShowInfo(wallet.Wallet, output);
        return true;
    }

    // Core's MakeWallet: opens the database and reads its records without a chain. Errors and warnings of the load
    // are written as Core writes them (without a line break of their own); a failed load gives null.
    private static OfflineWallet? MakeWallet(string name, string walletPath, DatabaseOptions options, WalletChainInfo chainInfo, TextWriter errors)
    {
        var database = WalletDatabaseFactory.MakeDatabase(walletPath, options, chainInfo, out _, out var error);
        if (database is null)
        {
            errors.Write(error + "\n");
            return null;
        }

        var wallet = new DescriptorWallet(name, database, chain: null, chainInfo, new WalletOptions());
        var warnings = new List<BilingualString>();
        DbErrors result;
        try
        {
            result = wallet.PopulateWalletFromDb(out error, warnings);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            database.Dispose();
            errors.Write($"Error loading {name}. Is wallet being used by another process?\n");
            return null;
        }

        if (error.Length > 0)
            errors.Write(error);
        foreach (var warning in warnings)
            errors.Write(warning.Original);
        if (result is not (DbErrors.LoadOk or DbErrors.NonCriticalError or DbErrors.NeedRescan))
        {
            database.Dispose();
            return null;
        }

        return new OfflineWallet(wallet);
    }

    // Core's WalletShowInfo.
    private static void ShowInfo(DescriptorWallet wallet, TextWriter output)
    {
        lock (wallet.SyncRoot)
        {
            output.Write("Wallet info\n===========\n");
            output.Write($"Name: {wallet.Name}\n");
            output.Write($"Format: {WalletDumpFile.SqliteFormat}\n");
            output.Write($"Descriptors: {YesNo(wallet.IsWalletFlagSet(WalletFlags.Descriptors))}\n");
            output.Write($"Encrypted: {YesNo(wallet.HasEncryptionKeys())}\n");
            output.Write($"HD (hd seed available): {YesNo(wallet.IsHdEnabled())}\n");
            output.Write($"Keypool Size: {wallet.GetKeyPoolSize()}\n");
            output.Write($"Transactions: {wallet.Transactions.Count}\n");
            output.Write($"Address Book: {wallet.AddressBook.Count}\n");
        }
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    // A wallet opened by the tool: closing it closes its file (Core's WalletToolReleaseWallet); there are no chain
    // notifications to stop.
    private sealed class OfflineWallet(DescriptorWallet wallet) : IDisposable
    {
        public DescriptorWallet Wallet { get; } = wallet;

        public void Dispose()
        {
            Wallet.LogPrint("Releasing wallet");
            Wallet.Database.Dispose();
        }
    }
}
