namespace Bitcoin.Wallet.Tool;

/// <summary>
/// Facts of Core's wallet dump file (wallet/dump.cpp), a text file of <c>key,value</c> lines: first
/// <c>BITCOIN_CORE_WALLET_DUMP,1</c>, then <c>format,&lt;database format&gt;</c>, then one line per database record
/// with key and value in lowercase hex, and last <c>checksum,&lt;hex&gt;</c>: the double SHA-256 of every byte before
/// that line, in hash byte order.
/// </summary>
public static class WalletDumpFile
{
    /// <summary>The key of the first line (Core's DUMP_MAGIC).</summary>
    public const string Magic = "BITCOIN_CORE_WALLET_DUMP";

    /// <summary>The only version written and read (Core's DUMP_VERSION).</summary>
    public const uint Version = 1;

    /// <summary>The key of the second line, whose value is the database format.</summary>
    public const string FormatKey = "format";

    /// <summary>The key of the last line, whose value is the checksum.</summary>
    public const string ChecksumKey = "checksum";

    /// <summary>The database format of our wallets, and the only one createfromdump accepts.</summary>
    public const string SqliteFormat = "sqlite";
}
