namespace Bitcoin.Interfaces;

/// <summary>What an address book entry is for (Core's <c>wallet::AddressPurpose</c>, stored as "receive"/"send"/"refund").</summary>
public enum AddressPurpose
{
    /// <summary>One of the wallet's own receiving addresses.</summary>
    Receive = 0,

    /// <summary>An address the wallet sent to.</summary>
    Send = 1,

    /// <summary>A refund address (only found in old wallets).</summary>
    Refund = 2,
}
