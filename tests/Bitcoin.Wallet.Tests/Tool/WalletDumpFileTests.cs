using System.Text;
using Bitcoin.Wallet.Tool;

namespace Bitcoin.Wallet.Tests.Tool;

/// <summary>Core's wallet dump file format (wallet/dump.cpp): writing, reading back, and every error createfromdump reports.</summary>
public sealed class WalletDumpFileTests
{
    // Two records of a real wallet (its version and flags) and the checksum Python's hashlib gives for the text before
    // the checksum line: sha256(sha256(text)).hexdigest().
    private const string KnownDumpBody =
        "BITCOIN_CORE_WALLET_DUMP,1\nformat,sqlite\n0776657273696f6e,9ce10400\n05666c616773,0000000004000000\n";

    private const string KnownChecksum = "479f325a4df1363766601dbf36faa4379f1d3dfadb171c8e2b16cd58033d5513";

    private static readonly (byte[] Key, byte[] Value)[] KnownRecords =
    [
        (Convert.FromHexString("0776657273696f6e"), Convert.FromHexString("9ce10400")),
        (Convert.FromHexString("05666c616773"), Convert.FromHexString("0000000004000000")),
    ];

    [Fact]
    public void WriterProducesCoresLinesAndChecksum()
    {
        using var stream = new MemoryStream();
        using (var writer = new WalletDumpWriter(stream, "sqlite"))
        {
            foreach (var (key, value) in KnownRecords)
                writer.WriteRecord(key, value);
            writer.Finish();
        }

        Assert.Equal(KnownDumpBody + $"checksum,{KnownChecksum}\n", Encoding.ASCII.GetString(stream.ToArray()));
    }

    [Fact]
    public void RoundTripReturnsEveryRecordInOrderAndVerifies()
    {
        var records = new List<(byte[], byte[])>();
        var random = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            var key = new byte[1 + random.Next(40)];
            // Large values span many SQLite overflow pages in a real wallet (tool_wallet.py's big transaction).
            var value = new byte[i == 7 ? 200_000 : random.Next(300)];
            random.NextBytes(key);
            random.NextBytes(value);
            records.Add((key, value));
        }

        using var stream = new MemoryStream();
        using (var writer = new WalletDumpWriter(stream, "sqlite"))
        {
            foreach (var (key, value) in records)
                writer.WriteRecord(key, value);
            writer.Finish();
        }

        var (header, read, end, checksumOk, error) = ReadAll(stream.ToArray());
        Assert.True(header);
        Assert.Equal(WalletDumpReadResult.End, end);
        Assert.True(checksumOk, error);
        Assert.Equal(records.Count, read.Count);
        for (int i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i].Item1, read[i].Key);
            Assert.Equal(records[i].Item2, read[i].Value);
        }
    }

    [Fact]
    public void ReaderAcceptsTheKnownDumpAndReportsItsFormat()
    {
        var (header, read, _, checksumOk, error) = ReadAll(KnownDumpBody + $"checksum,{KnownChecksum}\n");
        Assert.True(header);
        Assert.True(checksumOk, error);
        Assert.Equal(KnownRecords.Select(r => Convert.ToHexString(r.Key)), read.Select(r => Convert.ToHexString(r.Key)));
    }

    [Fact]
    public void AChangedRecordFailsTheChecksumWithBothHashes()
    {
        var tampered = KnownDumpBody.Replace("9ce10400", "9ce10500", StringComparison.Ordinal) + $"checksum,{KnownChecksum}\n";
        var (_, _, _, checksumOk, error) = ReadAll(tampered);
        Assert.False(checksumOk);
        Assert.StartsWith("Error: Dumpfile checksum does not match. Computed ", error, StringComparison.Ordinal);
        Assert.EndsWith($", expected {KnownChecksum}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongChecksumReportsTheComputedOne()
    {
        var (_, _, _, checksumOk, error) = ReadAll(KnownDumpBody + $"checksum,{new string('1', 64)}\n");
        Assert.False(checksumOk);
        Assert.Equal($"Error: Dumpfile checksum does not match. Computed {KnownChecksum}, expected {new string('1', 64)}", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("checksum,0000000000000000000000000000000000000000000000000000000000000000\n")]
    public void AMissingOrNullChecksumIsReported(string checksumLine)
    {
        var (_, _, end, checksumOk, error) = ReadAll(KnownDumpBody + checksumLine);
        Assert.Equal(WalletDumpReadResult.End, end);
        Assert.False(checksumOk);
        Assert.Equal("Error: Missing checksum", error);
    }

    [Theory]
    [InlineData("2222222222")]
    [InlineData("333333333333333333333333333333333333333333333333333333333333333333")]
    [InlineData("zz9f325a4df1363766601dbf36faa4379f1d3dfadb171c8e2b16cd58033d5513")]
    [InlineData("")]
    public void AChecksumThatIsNot32BytesIsReported(string checksum)
    {
        var (_, _, end, _, error) = ReadAll(KnownDumpBody + $"checksum,{checksum}\n");
        Assert.Equal(WalletDumpReadResult.Failed, end);
        Assert.Equal("Error: Checksum is not the correct size", error);
    }

    [Fact]
    public void AChecksumWithSpacesBetweenBytesIsAccepted()
    {
        // Core's ParseHex skips white space between byte pairs, including the '\r' of a CRLF line.
        var spaced = string.Join(' ', Enumerable.Range(0, 32).Select(i => KnownChecksum.Substring(i * 2, 2)));
        var (_, _, _, checksumOk, error) = ReadAll(KnownDumpBody + $"checksum,{spaced}\r\n");
        Assert.True(checksumOk, error);
    }

    [Theory]
    [InlineData("not_the_right_magic,1\n", "Error: Dumpfile identifier record is incorrect. Got \"not_the_right_magic\", expected \"BITCOIN_CORE_WALLET_DUMP\".")]
    [InlineData("", "Error: Dumpfile identifier record is incorrect. Got \"\", expected \"BITCOIN_CORE_WALLET_DUMP\".")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,0\n", "Error: Dumpfile version is not supported. This version of bitcoin-wallet only supports version 1 dumpfiles. Got dumpfile with version 0")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,2\n", "Error: Dumpfile version is not supported. This version of bitcoin-wallet only supports version 1 dumpfiles. Got dumpfile with version 2")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,x\n", "Error: Unable to parse version x as a uint32_t")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,+1\n", "Error: Unable to parse version +1 as a uint32_t")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,1\r\n", "Error: Unable to parse version 1\r as a uint32_t")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,4294967296\n", "Error: Unable to parse version 4294967296 as a uint32_t")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,1\nformats,sqlite\n", "Error: Dumpfile format record is incorrect. Got \"formats\", expected \"format\".")]
    [InlineData("BITCOIN_CORE_WALLET_DUMP,1\n", "Error: Dumpfile format record is incorrect. Got \"\", expected \"format\".")]
    public void BadHeadersAreReportedWithCoresMessages(string text, string expected)
    {
        using var reader = new WalletDumpReader(new MemoryStream(Encoding.Latin1.GetBytes(text)));
        Assert.False(reader.ReadHeader(out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TheFormatIsReadAsWritten()
    {
        using var reader = new WalletDumpReader(new MemoryStream(Encoding.ASCII.GetBytes("BITCOIN_CORE_WALLET_DUMP,1\nformat,bdb\n")));
        Assert.True(reader.ReadHeader(out _));
        Assert.Equal("bdb", reader.Format);
    }

    [Theory]
    [InlineData("0g,00\n", "Error: Got key that was not hex: 0g")]
    [InlineData("abc,00\n", "Error: Got key that was not hex: abc")]
    [InlineData("00,xyz1\n", "Error: Got value that was not hex: xyz1")]
    [InlineData("00,00\r\n", "Error: Got value that was not hex: 00\r")]
    public void RecordsThatAreNotHexAreReported(string line, string expected)
    {
        var (_, read, end, _, error) = ReadAll("BITCOIN_CORE_WALLET_DUMP,1\nformat,sqlite\n" + line);
        Assert.Empty(read);
        Assert.Equal(WalletDumpReadResult.Failed, end);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void LinesWithAnEmptyKeyOrValueAreSkippedButChecksummed()
    {
        const string body = "BITCOIN_CORE_WALLET_DUMP,1\nformat,sqlite\n,00\n00,\n0102,0304\n";
        var checksum = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(body))));
        var (_, read, _, checksumOk, error) = ReadAll(body + $"checksum,{checksum}\n");
        Assert.True(checksumOk, error);
        var record = Assert.Single(read);
        Assert.Equal(new byte[] { 1, 2 }, record.Key);
        Assert.Equal(new byte[] { 3, 4 }, record.Value);
    }

    [Fact]
    public void TextAfterTheChecksumLineIsIgnored()
    {
        var (_, read, _, checksumOk, error) = ReadAll(KnownDumpBody + $"checksum,{KnownChecksum}\nnot,even,hex\n");
        Assert.True(checksumOk, error);
        Assert.Equal(2, read.Count);
    }

    private static (bool Header, List<(byte[] Key, byte[] Value)> Records, WalletDumpReadResult End, bool ChecksumOk, string Error) ReadAll(string text) =>
        ReadAll(Encoding.Latin1.GetBytes(text));

    private static (bool Header, List<(byte[] Key, byte[] Value)> Records, WalletDumpReadResult End, bool ChecksumOk, string Error) ReadAll(byte[] bytes)
    {
        using var reader = new WalletDumpReader(new MemoryStream(bytes));
        var records = new List<(byte[], byte[])>();
        if (!reader.ReadHeader(out var error))
            return (false, records, WalletDumpReadResult.Failed, false, error);
        WalletDumpReadResult result;
        while ((result = reader.ReadRecord(out var key, out var value, out error)) == WalletDumpReadResult.Record)
            records.Add((key, value));
        if (result == WalletDumpReadResult.Failed)
            return (true, records, result, false, error);
        var ok = reader.VerifyChecksum(out error);
        return (true, records, result, ok, error);
    }
}
