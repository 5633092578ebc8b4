namespace Bitcoin.Wallet.Tool;

/// <summary>What <see cref="WalletDumpReader.ReadRecord"/> found.</summary>
public enum WalletDumpReadResult
{
    /// <summary>A record: its key and value are returned.</summary>
    Record,

    /// <summary>The checksum line or the end of the file: no more records; check <see cref="WalletDumpReader.VerifyChecksum"/>.</summary>
    End,

    /// <summary>A bad line (not hex, a checksum of the wrong size): the error says which.</summary>
    Failed,
}
