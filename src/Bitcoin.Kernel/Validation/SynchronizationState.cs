namespace Bitcoin.Kernel.Validation;

/// <summary>Where start-up stands, passed with tip notifications (Core's SynchronizationState).</summary>
public enum SynchronizationState
{
    /// <summary>Re-reading block files (-reindex).</summary>
    InitReindex,

    /// <summary>Initial block download.</summary>
    InitDownload,

    /// <summary>Caught up.</summary>
    PostInit,
}
