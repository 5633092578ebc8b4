namespace Bitcoin.Wallet.Storage;

/// <summary>How to open a wallet database (Core's <c>DatabaseOptions</c>).</summary>
internal sealed record DatabaseOptions
{
    /// <summary>Fail if the database does not exist.</summary>
    public bool RequireExisting { get; init; }

    /// <summary>Fail if it already exists.</summary>
    public bool RequireCreate { get; init; }

    /// <summary>Check the application id, schema version and integrity after opening.</summary>
    public bool Verify { get; init; } = true;

    /// <summary>synchronous=OFF (-unsafesqlitesync, tests only).</summary>
    public bool UseUnsafeSync { get; init; }
}
