using Bitcoin.Common.Logging;
using Microsoft.Data.Sqlite;

namespace Bitcoin.Wallet.Storage;

/// <summary>
/// A wallet file in Core's SQLite format (wallet/sqlite.cpp): one table <c>main(key BLOB PRIMARY KEY NOT NULL, value
/// BLOB NOT NULL)</c> of serialized records, <c>PRAGMA application_id</c> = the network magic read big-endian,
/// <c>PRAGMA user_version</c> = 0. The file is held with an exclusive lock while open, so a second process (ours or
/// Core's) cannot open it. All members are thread-safe; one transaction runs at a time.
/// </summary>
internal sealed partial class SqliteWalletDatabase : IDisposable
{
    /// <summary>The only schema version Core knows (WALLET_SCHEMA_VERSION).</summary>
    public const int SchemaVersion = 0;

    private readonly Lock _connectionLock = new();
    private readonly SemaphoreSlim _writeSemaphore = new(1, 1);
    private readonly bool _unsafeSync;
    private SqliteConnection? _connection;

    private SqliteWalletDatabase(string directory, string filePath, uint applicationId, bool unsafeSync)
    {
        DirectoryPath = directory;
        FilePath = filePath;
        ApplicationId = applicationId;
        _unsafeSync = unsafeSync;
    }

    /// <summary>The version of the SQLite library in use (logged at start-up, as Core's LogDBInfo).</summary>
    public static string SqliteVersion
    {
        get
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            return connection.ServerVersion;
        }
    }

    /// <summary>The directory holding wallet.dat.</summary>
    public string DirectoryPath { get; }

    /// <summary>The wallet.dat path.</summary>
    public string FilePath { get; }

    /// <summary>The file name shown in messages (Core's <c>Filename()</c> is the full path).</summary>
    public string Filename => FilePath;

    /// <summary>The application id this network's wallets carry.</summary>
    public uint ApplicationId { get; }

    /// <summary>
    /// Opens (creating if needed) the database file <paramref name="filePath"/> as Core's <c>SQLiteDatabase::Open</c>
    /// does; throws <see cref="WalletDataException"/> with Core's messages.
    /// </summary>
    public static SqliteWalletDatabase Open(string filePath, uint applicationId, bool unsafeSync)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(filePath))!;
        var db = new SqliteWalletDatabase(directory, filePath, applicationId, unsafeSync);
        try
        {
            db.OpenConnection();
        }
        catch
        {
            db.Dispose();
            throw;
        }

        return db;
    }

    private void OpenConnection()
    {
        try
        {
            System.IO.Directory.CreateDirectory(DirectoryPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WalletDataException($"SQLiteDatabase: Failed to open database in directory '{DirectoryPath}': directory is not writable");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // Core does not wait for a lock held by another process: fail at once.
            DefaultTimeout = 1,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new WalletDataException($"SQLiteDatabase: Failed to open database: {e.Message}\n");
        }

        _connection = connection;
        Exec("PRAGMA locking_mode = exclusive", "Unable to change database locking mode to exclusive");
        try
        {
            // A transaction takes the lock; exclusive locking mode keeps it until the connection closes.
            ExecRaw("BEGIN EXCLUSIVE TRANSACTION");
            ExecRaw("COMMIT");
        }
        catch (SqliteException)
        {
            Close();
            throw new WalletDataException("SQLiteDatabase: Unable to obtain an exclusive lock on the database, is it being used by another instance of Bitcoin Core?\n");
        }

        Exec("PRAGMA fullfsync = true", "Failed to enable fullfsync");
        if (_unsafeSync)
        {
            Log.Warning("SQLite is configured to not wait for data to be flushed to disk. Data loss and corruption may occur.");
            Exec("PRAGMA synchronous = OFF", "Failed to set synchronous mode to OFF");
        }

        bool tableExists = ScalarInt64("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='main'") > 0;
        if (!tableExists)
        {
            Exec("CREATE TABLE main(key BLOB PRIMARY KEY NOT NULL, value BLOB NOT NULL)", "Failed to create new database");
            Exec($"PRAGMA application_id = {unchecked((int)ApplicationId)}", "Failed to set the application id");
            Exec($"PRAGMA user_version = {SchemaVersion}", "Failed to set the wallet schema version");
        }
    }

    /// <summary>
    /// Checks the application id, the schema version and the file's integrity (Core's <c>SQLiteDatabase::Verify</c>);
    /// false with Core's message in <paramref name="error"/>.
    /// </summary>
    public bool Verify(out string error)
    {
        error = "";
        uint appId = unchecked((uint)ScalarInt64("PRAGMA application_id"));
        if (appId != ApplicationId)
        {
            error = $"SQLiteDatabase: Unexpected application id. Expected {ApplicationId}, got {appId}";
            return false;
        }

        long userVersion = ScalarInt64("PRAGMA user_version");
        if (userVersion != SchemaVersion)
        {
            error = $"SQLiteDatabase: Unknown sqlite wallet schema version {userVersion}. Only version {SchemaVersion} is supported";
            return false;
        }

        var problems = new List<string>();
        lock (_connectionLock)
        {
            try
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var message = reader.GetString(0);
                    if (message != "ok")
                        problems.Add(message);
                }
            }
            catch (SqliteException e)
            {
                // A file damaged badly enough makes the check itself fail (SQLITE_CORRUPT): report it, touch nothing.
                error = problems.Count > 0
                    ? "Failed to verify database\n" + string.Concat(problems.Select(p => p + "\n"))
                    : $"SQLiteDatabase: Failed to execute statement to verify database: {ErrorText(e)}";
                return false;
            }
        }

        if (problems.Count > 0)
        {
            error = "Failed to verify database\n" + string.Concat(problems.Select(p => p + "\n"));
            return false;
        }

        return true;
    }

    /// <summary>SQLite's own text for the error code of <paramref name="e"/> (sqlite3_errstr, as Core's messages show it).</summary>
    private static string ErrorText(SqliteException e) => SQLitePCL.raw.sqlite3_errstr(e.SqliteErrorCode).utf8_to_string();

    private SqliteConnection Connection => _connection ?? throw new WalletDataException("SQLiteDatabase: the database is closed");

    /// <summary>True while the connection is open.</summary>
    public bool IsOpen => _connection is not null;

    private void Exec(string sql, string errorPrefix)
    {
        try
        {
            ExecRaw(sql);
        }
        catch (SqliteException e)
        {
            throw new WalletDataException($"SQLiteDatabase: {errorPrefix}: {e.Message}\n");
        }
    }

    private void ExecRaw(string sql)
    {
        lock (_connectionLock)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private long ScalarInt64(string sql)
    {
        lock (_connectionLock)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Rewrites the whole file (VACUUM), so that deleted records leave nothing in free pages (Core's <c>Rewrite</c>).</summary>
    public bool Rewrite()
    {
        try
        {
            _writeSemaphore.Wait();
            try
            {
                ExecRaw("VACUUM");
            }
            finally
            {
                _writeSemaphore.Release();
            }

            return true;
        }
        catch (SqliteException e)
        {
            Log.Warning($"SQLiteDatabase: VACUUM failed: {e.Message}");
            return false;
        }
    }

    /// <summary>Copies the database to <paramref name="destination"/> with SQLite's online backup (Core's <c>Backup</c>).</summary>
    public bool Backup(string destination)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = destination, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            using var target = new SqliteConnection(builder.ToString());
            target.Open();
            _writeSemaphore.Wait();
            try
            {
                lock (_connectionLock)
                    Connection.BackupDatabase(target);
            }
            finally
            {
                _writeSemaphore.Release();
            }

            return true;
        }
        catch (SqliteException e)
        {
            Log.Warning($"Unable to continue sqlite backup: {e.Message}");
            return false;
        }
    }

    /// <summary>Closes the file and releases the lock.</summary>
    public void Close()
    {
        lock (_connectionLock)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        _writeSemaphore.Dispose();
    }
}
