namespace Bitcoin.Kernel.Policy;

/// <summary>The BIP125 replaceability of an unconfirmed transaction (Core's RBFTransactionState).</summary>
public enum RbfTransactionState
{
    /// <summary>Not in the mempool and does not signal.</summary>
    Unknown,

    /// <summary>It or an unconfirmed ancestor signals.</summary>
    ReplaceableBip125,

    /// <summary>In the mempool, and neither it nor an unconfirmed ancestor signals.</summary>
    Final,
}
