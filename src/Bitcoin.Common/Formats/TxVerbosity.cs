namespace Bitcoin.Common.Formats;

/// <summary>How much of a transaction to show (Core's TxVerbosity).</summary>
public enum TxVerbosity
{
    /// <summary>Only the txid (getblock verbosity 1).</summary>
    ShowTxid,

    /// <summary>The decoded transaction (getblock verbosity 2, getrawtransaction verbose).</summary>
    ShowDetails,

    /// <summary>Also each input's spent output (getblock verbosity 3, getrawtransaction verbosity 2).</summary>
    ShowDetailsAndPrevout,
}
