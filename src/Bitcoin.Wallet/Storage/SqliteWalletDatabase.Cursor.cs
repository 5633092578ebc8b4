using Microsoft.Data.Sqlite;

namespace Bitcoin.Wallet.Storage;

internal sealed partial class SqliteWalletDatabase
{
    /// <summary>
    /// Calls <paramref name="visit"/> with every record in the table's storage order, as Core's cursor over the whole
    /// table reads them (<c>SELECT key, value FROM main</c>, no ORDER BY), so a dump of a file lists its records in the
    /// order Core's dump of the same file does. <paramref name="visit"/> returns false to stop early; nothing else
    /// may use the database meanwhile. False if SQLite failed to read a record (a damaged file: Core's cursor
    /// reports <c>FAIL</c>).
    /// </summary>
    public bool ForEachRecord(Func<byte[], byte[], bool> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        lock (_connectionLock)
        {
            try
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT key, value FROM main";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (!visit(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1)))
                        return true;
                }
            }
            catch (SqliteException e)
            {
                Common.Logging.Log.Warning($"SQLiteDatabase: Unable to read the next record: {e.Message}");
                return false;
            }
        }

        return true;
    }

    /// <summary>The files this database consists of: the data file and its rollback journal (Core's <c>Files()</c>).</summary>
    public IReadOnlyList<string> Files() => [FilePath, FilePath + "-journal"];
}
