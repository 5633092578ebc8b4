using Bitcoin.Common.Logging;
using Microsoft.Data.Sqlite;

namespace Bitcoin.Wallet.Storage;

internal sealed partial class SqliteWalletDatabase
{
    // The thread that owns the open transaction (0: none). Writes from that thread join the transaction; writes from
    // other threads wait for it to end, as Core's write semaphore makes them.
    private int _txnOwner;

    /// <summary>True while a transaction is open.</summary>
    public bool HasActiveTxn => Volatile.Read(ref _txnOwner) != 0;

    private bool OwnsTxn => Volatile.Read(ref _txnOwner) == Environment.CurrentManagedThreadId;

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public byte[]? Read(byte[] key)
    {
        lock (_connectionLock)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "SELECT value FROM main WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as byte[];
        }
    }

    /// <summary>True if a record with <paramref name="key"/> exists.</summary>
    public bool HasKey(byte[] key) => Read(key) is not null;

    /// <summary>
    /// Stores a record; with <paramref name="overwrite"/> false an existing record is kept and false returned (Core's
    /// <c>WriteKey</c>).
    /// </summary>
    public bool Write(byte[] key, byte[] value, bool overwrite = true) =>
        Modify(overwrite ? "INSERT OR REPLACE INTO main VALUES($key, $value)" : "INSERT INTO main VALUES($key, $value)", key, value);

    /// <summary>Deletes a record (true also if there was none).</summary>
    public bool Erase(byte[] key) => Modify("DELETE FROM main WHERE key = $key", key, null);

    /// <summary>Deletes every record whose key starts with <paramref name="prefix"/>.</summary>
    public bool ErasePrefix(byte[] prefix)
    {
        var end = PrefixEnd(prefix);
        return end is null
            ? Modify("DELETE FROM main WHERE key >= $key", prefix, null)
            : Modify("DELETE FROM main WHERE key >= $key AND key < $value", prefix, end);
    }

    private bool Modify(string sql, byte[] key, byte[]? value)
    {
        bool joined = OwnsTxn;
        if (!joined) _writeSemaphore.Wait();
        try
        {
            lock (_connectionLock)
            {
                using var command = Connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$key", key);
                if (value is not null) command.Parameters.AddWithValue("$value", value);
                command.ExecuteNonQuery();
                return true;
            }
        }
        catch (SqliteException e)
        {
            if (e.SqliteErrorCode != 19) // SQLITE_CONSTRAINT: the record exists and overwriting was not asked for
                Log.Warning($"Unable to execute write statement: {e.Message}");
            return false;
        }
        finally
        {
            if (!joined) _writeSemaphore.Release();
        }
    }

    /// <summary>Every record whose key starts with <paramref name="prefix"/>, in key order (Core's prefix cursor).</summary>
    public List<(byte[] Key, byte[] Value)> ReadPrefix(byte[] prefix)
    {
        var end = PrefixEnd(prefix);
        var result = new List<(byte[], byte[])>();
        lock (_connectionLock)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = end is null
                ? "SELECT key, value FROM main WHERE key >= $start"
                : "SELECT key, value FROM main WHERE key >= $start AND key < $end";
            command.Parameters.AddWithValue("$start", prefix);
            if (end is not null) command.Parameters.AddWithValue("$end", end);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                result.Add(((byte[])reader.GetValue(0), (byte[])reader.GetValue(1)));
        }

        return result;
    }

    /// <summary>Every record, in key order.</summary>
    public List<(byte[] Key, byte[] Value)> ReadAll() => ReadPrefix([]);

    // The smallest key greater than every key starting with the prefix, or null if there is none (all 0xff).
    private static byte[]? PrefixEnd(byte[] prefix)
    {
        var end = (byte[])prefix.Clone();
        for (int i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] == 0xff)
            {
                end[i] = 0;
                continue;
            }

            end[i]++;
            return end;
        }

        return null;
    }

    /// <summary>Begins a transaction owned by this thread; false if one is already open on it or it could not begin.</summary>
    public bool TxnBegin()
    {
        if (OwnsTxn) return false;
        _writeSemaphore.Wait();
        try
        {
            ExecRaw("BEGIN TRANSACTION");
        }
        catch (SqliteException e)
        {
            Log.Warning($"SQLiteBatch: Failed to begin the transaction: {e.Message}");
            _writeSemaphore.Release();
            return false;
        }

        Volatile.Write(ref _txnOwner, Environment.CurrentManagedThreadId);
        return true;
    }

    /// <summary>Commits this thread's transaction; false if there is none or the commit failed (it is then still open).</summary>
    public bool TxnCommit() => EndTxn("COMMIT TRANSACTION", "commit");

    /// <summary>Rolls back this thread's transaction; false if there is none.</summary>
    public bool TxnAbort() => EndTxn("ROLLBACK TRANSACTION", "abort");

    private bool EndTxn(string sql, string what)
    {
        if (!OwnsTxn) return false;
        try
        {
            ExecRaw(sql);
        }
        catch (SqliteException e)
        {
            Log.Warning($"SQLiteBatch: Failed to {what} the transaction: {e.Message}");
            return false;
        }

        Volatile.Write(ref _txnOwner, 0);
        _writeSemaphore.Release();
        return true;
    }
}
