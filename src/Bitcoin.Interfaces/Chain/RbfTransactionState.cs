namespace Bitcoin.Interfaces;

/// <summary>Whether a transaction signals replaceability (Core's <c>RBFTransactionState</c>; the IPC sends the number).</summary>
public enum RbfTransactionState
{
    /// <summary>Unconfirmed with unknown ancestors: replaceability cannot be told.</summary>
    Unknown = 0,

    /// <summary>It or an unconfirmed ancestor signals BIP125 replaceability.</summary>
    ReplaceableBip125 = 1,

    /// <summary>Neither it nor an ancestor signals.</summary>
    Final = 2,
}
