namespace Bitcoin.Node.Net.Processing;

/// <summary>The phases of a low-work headers sync (Core's HeadersSyncState::State).</summary>
internal enum HeadersSyncPhase
{
    /// <summary>Checking headers and sampling commitments until the chain has enough work.</summary>
    Presync,

    /// <summary>Downloading the headers again and releasing those that match the commitments.</summary>
    Redownload,

    /// <summary>Done (successfully or not); the object must not be used again.</summary>
    Final,
}
