using System.Buffers.Binary;
using Bitcoin.Common.Args;
using Bitcoin.Wallet.Storage;
using Bitcoin.Wallet.Tool;

namespace Bitcoin.Wallet.Tests.Tool;

/// <summary>
/// Dumping a legacy (Berkeley DB) wallet, read without Berkeley DB as Core's read-only reader does. The fixture
/// Data/legacy-wallet.dat was made by Berkeley DB 5.3's db_load (a "main" subdatabase with 1 KiB pages: 121 address
/// book records spread over several leaf pages under an internal page, a version and a minversion record, and a
/// 6,000-byte record on overflow pages; LSNs reset with db_load -r lsn); Data/legacy-wallet-big-endian.dat holds the same
/// records written big-endian (db_load -c db_lorder=4321). The expected checksum is that of the records Berkeley DB's
/// own db_dump lists, hashed by Python's hashlib.
/// </summary>
public sealed class LegacyWalletDumpTests : IDisposable
{
    private const string DbDumpChecksum = "2379ee6859ba290b5f7ce32b331cf5b56a933f387aec371036e50bb70c894bd6";
    private const int PageSize = 1024;

    private readonly string _dataDir = Directory.CreateTempSubdirectory("legacy-wallet-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static byte[] Fixture => File.ReadAllBytes(FindFixture("legacy-wallet.dat"));

    [Theory]
    [InlineData("legacy-wallet.dat")]
    [InlineData("legacy-wallet-big-endian.dat")]
    public void DumpListsEveryRecordBerkeleyDbHoldsInKeyOrder(string fixture)
    {
        var walletDir = Path.Combine(_dataDir, "regtest", "wallets", "legacy");
        Directory.CreateDirectory(walletDir);
        File.WriteAllBytes(Path.Combine(walletDir, "wallet.dat"), File.ReadAllBytes(FindFixture(fixture)));
        var dump = Path.Combine(_dataDir, "legacy.dump");

        var (ok, output, errors) = Run("-wallet=legacy", $"-dumpfile={dump}", "dump");

        Assert.True(ok, errors);
        Assert.StartsWith("The dumpfile may contain private keys.", output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(dump);
        Assert.Equal("format,bdb", lines[1]);
        Assert.Equal(2 + 123 + 1, lines.Length);
        Assert.Equal("checksum," + DbDumpChecksum, lines[^1]);
        // The overflow record comes back whole.
        Assert.Contains(lines, l => l.StartsWith("027478", StringComparison.Ordinal) && l.Length == 70 + 1 + 12_000);
        // A dump of a legacy wallet cannot become a wallet of ours (Core refuses it the same way).
        var (created, _, createErrors) = Run("-wallet=copy", $"-dumpfile={dump}", "createfromdump");
        Assert.False(created);
        Assert.Equal("Error: Dumpfile specifies an unsupported database format (bdb). Only sqlite database dumps are supported\n", createErrors);
    }

    [Fact]
    public void ReaderReturnsTheRecordsDbLoadWasGiven()
    {
        var path = WriteFixture(Fixture);
        var database = BerkeleyReadOnlyDatabase.Open(path);
        Assert.Equal(123, database.Records.Count);
        var version = database.Records[Convert.FromHexString("0776657273696f6e")];
        Assert.Equal(169900, BinaryPrimitives.ReadInt32LittleEndian(version));
    }

    [Fact]
    public void AFileWithLogSequenceNumbersNotResetIsRefused()
    {
        var file = Fixture;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(PageSize + 4), 7);
        AssertRefused(file, "LSNs are not reset, this database is not completely flushed. Please reopen then close the database with a version that has BDB support");
    }

    [Fact]
    public void ATruncatedFileIsRefused() =>
        AssertRefused(Fixture[..^PageSize], "Last page number could not fit in file");

    [Fact]
    public void BerkeleyDbEncryptionIsRefused()
    {
        var file = Fixture;
        file[24] = 1;
        AssertRefused(file, "BDB builtin encryption is not supported");
    }

    [Fact]
    public void AnotherDataFileVersionIsRefused()
    {
        var file = Fixture;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 8);
        AssertRefused(file, "Unsupported BDB data file version number");
    }

    [Fact]
    public void ABadPageNumberInTheTreeIsRefused()
    {
        var file = Fixture;
        // Every page after the meta pages claims the wrong number: the walk notices at the first one it reads.
        for (int page = 1; page < file.Length / PageSize; page++)
        {
            if (file[page * PageSize + 25] is 3 or 5 or 7)
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(page * PageSize + 8), 999);
        }

        AssertRefused(file, "Page number mismatch");
    }

    private void AssertRefused(byte[] file, string message)
    {
        var e = Assert.Throws<WalletDataException>(() => BerkeleyReadOnlyDatabase.Open(WriteFixture(file)));
        Assert.Equal(message, e.Message);
    }

    private string WriteFixture(byte[] file)
    {
        var path = Path.Combine(_dataDir, $"wallet-{Guid.NewGuid():N}.dat");
        File.WriteAllBytes(path, file);
        return path;
    }

    private (bool Ok, string Output, string Errors) Run(params string[] arguments)
    {
        var args = new ArgsManager();
        WalletToolArgs.Register(args);
        Assert.True(args.ParseParameters([$"-datadir={_dataDir}", "-regtest", .. arguments], out var parseError), parseError);
        args.SelectChain(args.GetChainType());
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var ok = WalletTool.Execute(args, args.GetCommand()!.Command, output, errors);
        return (ok, output.ToString(), errors.ToString());
    }

    private static string FindFixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Bitcoin.Wallet.Tests", "Tool", "Data", name);
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException($"tests/Bitcoin.Wallet.Tests/Tool/Data/{name} not found above {AppContext.BaseDirectory}");
    }
}
