namespace Bitcoin.Kernel.Validation;

/// <summary>
/// Loading the block index or chainstate failed with a message meant for the user, in Core's words ("Error opening
/// block database", "Corrupted block database detected", ...). Never carries a stack trace to the user: print
/// <see cref="FormatInitError"/>. Details of the underlying failure are in the log.
/// </summary>
public sealed class KernelInitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KernelInitException(ChainstateLoadStatus status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>What kind of failure this is; <see cref="ChainstateLoadStatus.Failure"/> means a reindex may help.</summary>
    public ChainstateLoadStatus Status { get; }

    /// <summary>True when Core would suggest restarting with -reindex or -reindex-chainstate.</summary>
    public bool SuggestReindex => Status == ChainstateLoadStatus.Failure;

    /// <summary>
    /// The text bitcoind prints after "Error: ": the message, and for repairable failures when no reindex was
    /// requested, Core's advice ("&lt;message&gt;.\nPlease restart with -reindex or -reindex-chainstate to recover.").
    /// </summary>
    public string FormatInitError(bool reindexRequested) =>
        SuggestReindex && !reindexRequested
            ? Message + ".\nPlease restart with -reindex or -reindex-chainstate to recover."
            : Message;
}
