using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Wallet.Storage;

namespace Bitcoin.Wallet.Tool;

public static partial class WalletTool
{
    // The format a dump of a legacy wallet names (Core writes "bdb" for its read-only reader's "bdb_ro").
    private const string BerkeleyFormat = "bdb";

    private const string DumpWarning = "The dumpfile may contain private keys. To ensure the safety of your Bitcoin, do not share the dumpfile.\n";

    private static bool Dump(ArgsManager args, string walletPath, WalletChainInfo chainInfo, TextWriter output, TextWriter errors)
    {
        string error;
        bool dumped;
        if (WalletPaths.IsBdbFile(WalletPaths.BdbDataFile(walletPath)))
        {
            // A legacy wallet is read with Core's read-only Berkeley DB reader, unless the path is also a SQLite wallet.
            if (WalletPaths.IsSqliteFile(WalletPaths.DataFile(walletPath), chainInfo.MessageStart))
            {
                errors.Write($"Failed to load database path '{walletPath}'. Data is in ambiguous format.\n");
                return false;
            }

            BerkeleyReadOnlyDatabase legacy;
            try
            {
                legacy = BerkeleyReadOnlyDatabase.Open(WalletPaths.BdbDataFile(walletPath));
            }
            catch (WalletDataException e)
            {
                errors.Write(e.Message + "\n");
                return false;
            }

            dumped = DumpWallet(args, BerkeleyFormat, visit =>
            {
                foreach (var (key, value) in legacy.Records)
                {
                    if (!visit(key, value))
                        break;
                }

                return true;
            }, out error);
        }
        else
        {
            using var database = WalletDatabaseFactory.MakeDatabase(walletPath, new DatabaseOptions { RequireExisting = true }, chainInfo, out _, out error);
            if (database is null)
            {
                errors.Write(error + "\n");
                return false;
            }

            dumped = DumpWallet(args, WalletDumpFile.SqliteFormat, database.ForEachRecord, out error);
        }

        if (!dumped)
        {
            errors.Write(error + "\n");
            return false;
        }

        output.Write(DumpWarning);
        return true;
    }

    // Core's DumpWallet: every record, in the order the database gives them, to a new file named by -dumpfile.
    // forEachRecord calls its argument with each record (which returns false to stop) and returns false if reading failed.
    private static bool DumpWallet(ArgsManager args, string format, Func<Func<byte[], byte[], bool>, bool> forEachRecord, out string error)
    {
        var dumpFile = args.GetArg("-dumpfile", "");
        if (dumpFile.Length == 0)
        {
            error = "No dump file provided. To use dump, -dumpfile=<filename> must be provided.";
            return false;
        }

        var path = AbsolutePath(dumpFile);
        if (File.Exists(path) || Directory.Exists(path))
        {
            error = $"File {path} already exists. If you are sure this is what you want, move it out of the way first.";
            return false;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"Unable to open {path} for writing";
            return false;
        }

        bool written;
        error = "";
        try
        {
            using (stream)
            using (var writer = new WalletDumpWriter(stream, format))
            {
                written = forEachRecord((key, value) =>
                {
                    writer.WriteRecord(key, value);
                    return true;
                });
                if (written)
                    writer.Finish();
                else
                    error = "Error reading next record from wallet database";
            }
        }
        catch (IOException e)
        {
            written = false;
            error = $"Unable to write {path}: {e.Message}";
        }

        // A partial dump is removed, as Core removes it, so that it is never taken for a whole one.
        if (!written)
            TryDelete(path);
        return written;
    }

    // Core prints the warnings of a load to the output too; writing records loads nothing, so there are none.
    private static bool CreateFromDump(ArgsManager args, string name, string walletPath, WalletChainInfo chainInfo, TextWriter errors)
    {
        var ok = WriteWalletFromDump(args, name, walletPath, chainInfo, errors, out var error);
        if (!ok && error.Length > 0)
            errors.Write(error + "\n");
        return ok;
    }

    // Core's CreateFromDump: checks the header, then creates the wallet's database and writes every record in one
    // transaction, committed only when the checksum matches; on any failure the new wallet's files are removed.
    private static bool WriteWalletFromDump(ArgsManager args, string name, string walletPath, WalletChainInfo chainInfo, TextWriter errors, out string error)
    {
        error = "";
        if (name.Length == 0)
        {
            errors.Write("Wallet name cannot be empty\n");
            return false;
        }

        var dumpFile = args.GetArg("-dumpfile", "");
        if (dumpFile.Length == 0)
        {
            error = "No dump file provided. To use createfromdump, -dumpfile=<filename> must be provided.";
            return false;
        }

        var dumpPath = AbsolutePath(dumpFile);
        if (!File.Exists(dumpPath) && !Directory.Exists(dumpPath))
        {
            error = $"Dump file {dumpPath} does not exist.";
            return false;
        }

        using var input = OpenForReading(dumpPath);
        using var reader = new WalletDumpReader(input);
        if (!reader.ReadHeader(out error))
            return false;
        if (reader.Format != WalletDumpFile.SqliteFormat)
        {
            error = $"Error: Dumpfile specifies an unsupported database format ({reader.Format}). Only sqlite database dumps are supported";
            return false;
        }

        var database = WalletDatabaseFactory.MakeDatabase(walletPath, new DatabaseOptions { RequireCreate = true }, chainInfo, out _, out error);
        if (database is null)
            return false;

        bool ok;
        IReadOnlyList<string> files = database.Files();
        try
        {
            ok = WriteRecords(database, reader, out error);
        }
        finally
        {
            database.Dispose();
        }

        if (!ok)
        {
            foreach (var file in files)
                TryDelete(file);
            TryDeleteEmptyDirectory(walletPath);
        }

        return ok;
    }

    private static bool WriteRecords(SqliteWalletDatabase database, WalletDumpReader reader, out string error)
    {
        if (!database.TxnBegin())
        {
            error = "Error: Unable to write record to new wallet";
            return false;
        }

        bool ok = true;
        error = "";
        while (ok)
        {
            var result = reader.ReadRecord(out var key, out var value, out error);
            if (result == WalletDumpReadResult.End)
                break;
            if (result == WalletDumpReadResult.Failed)
            {
                ok = false;
            }
            else if (!database.Write(key, value))
            {
                error = "Error: Unable to write record to new wallet";
                ok = false;
            }
        }

        if (ok)
            ok = reader.VerifyChecksum(out error);
        if (ok && !database.TxnCommit())
        {
            error = "Error: Unable to write record to new wallet";
            ok = false;
        }

        if (!ok)
            database.TxnAbort();
        return ok;
    }

    // Core's fs::absolute: a relative name is joined to the working directory, without resolving "." or "..".
    private static string AbsolutePath(string path) => Path.IsPathRooted(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);

    // A dump file that cannot be opened (a directory, no permission) reads as empty, as Core's stream does.
    private static Stream OpenForReading(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MemoryStream([], writable: false);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Could not remove {file}: {e.Message}");
        }
    }

    // The wallet directory goes too unless something else is in it (Core's fs::remove removes only an empty one).
    private static void TryDeleteEmptyDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Could not remove {directory}: {e.Message}");
        }
    }
}
