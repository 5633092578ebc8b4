namespace Bitcoin.Kernel.Storage.Database;

/// <summary>How to open a <see cref="KeyValueDb"/>, as Core's DBParams.</summary>
public sealed record KeyValueDbOptions
{
    /// <summary>Directory of the database (created if missing).</summary>
    public required string Path { get; init; }

    /// <summary>Memory budget in bytes: half for the block cache, a quarter for each write buffer (Core's split).</summary>
    public long CacheBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Destroy existing contents before opening (-reindex / -reindex-chainstate).</summary>
    public bool WipeData { get; init; }

    /// <summary>XOR values with a random per-database key stored in the database, as Core does for chainstate/.</summary>
    public bool Obfuscate { get; init; }
}
