namespace Bitcoin.Kernel.Storage.Database;

/// <summary>
/// The key-value store failed (corruption, I/O error, cannot open), as Core's dbwrapper_error. The message starts
/// with "Fatal RocksDB error:" followed by RocksDB's status text (Core says "Fatal LevelDB error:").
/// </summary>
public sealed class DatabaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatabaseException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping RocksDB's error.</summary>
    public DatabaseException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
