using System.Security.Cryptography;
using Bitcoin.Common.Args;
using Bitcoin.Wallet.Storage;
using Bitcoin.Wallet.Tool;

namespace Bitcoin.Wallet.Tests.Tool;

/// <summary>The wallet tool's commands in process, on wallets in a temporary regtest data directory.</summary>
public sealed class WalletToolTests : IDisposable
{
    private const string DumpWarning = "The dumpfile may contain private keys. To ensure the safety of your Bitcoin, do not share the dumpfile.\n";

    // Deriving a new wallet's 8,000 keys is the slow part: one wallet made by the tool is copied into the tests that
    // need one. As in Core, the first load of a wallet the tool created caches its last hardened xpubs (create does not
    // set that flag), so the copy is of the file after one "info": from then on reading it writes nothing.
    private static readonly Lazy<byte[]> CreatedWallet = new(() =>
    {
        using var maker = new WalletToolTests();
        Assert.True(maker.Run("-wallet=template", "create").Ok);
        Assert.True(maker.Run("-wallet=template", "info").Ok);
        return File.ReadAllBytes(Path.Combine(maker.WalletsDir, "template", "wallet.dat"));
    });

    private readonly string _dataDir = Directory.CreateTempSubdirectory("wallet-tool-").FullName;

    private string WalletsDir => Path.Combine(_dataDir, "regtest", "wallets");

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void CreateMakesADescriptorWalletWithFullKeyPoolsAndShowsItsInfo()
    {
        var (ok, output, errors) = Run("-wallet=w1", "create");
        Assert.True(ok, errors);
        Assert.Equal("", errors);
        Assert.Equal("Topping up keypool...\n" + Info("w1", keypool: 8000), output);
        // The first use makes the network directory and its wallets directory, where the node looks for wallets.
        Assert.True(File.Exists(Path.Combine(WalletsDir, "w1", "wallet.dat")));
    }

    [Fact]
    public void InfoReadsTheWalletWithoutChangingIt()
    {
        AddCreatedWallet("w1");
        var file = Path.Combine(WalletsDir, "w1", "wallet.dat");
        var before = SHA256.HashData(File.ReadAllBytes(file));

        var (ok, output, errors) = Run("-wallet=w1", "info");

        Assert.True(ok, errors);
        Assert.Equal(Info("w1", keypool: 8000), output);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file)));
    }

    [Fact]
    public void CreateOnAnExistingWalletLeavesItAndSucceedsAsCoreDoes()
    {
        AddCreatedWallet("w1");
        var file = Path.Combine(WalletsDir, "w1", "wallet.dat");
        var before = SHA256.HashData(File.ReadAllBytes(file));

        var (ok, output, errors) = Run("-wallet=w1", "create");

        // Core's tool reports the failure but exits with 0 for create.
        Assert.True(ok);
        Assert.Equal("", output);
        Assert.Equal($"Failed to create database path '{Path.Combine(WalletsDir, "w1")}'. Database already exists.\n", errors);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file)));
    }

    [Fact]
    public void DumpAndCreateFromDumpMakeAWalletWithTheSameRecords()
    {
        AddCreatedWallet("w1");
        var dump1 = Path.Combine(_dataDir, "w1.dump");
        var dump2 = Path.Combine(_dataDir, "w2.dump");

        Assert.Equal((true, DumpWarning, ""), Run("-wallet=w1", $"-dumpfile={dump1}", "dump"));
        Assert.Equal((true, "", ""), Run("-wallet=w2", $"-dumpfile={dump1}", "createfromdump"));
        Assert.Equal((true, DumpWarning, ""), Run("-wallet=w2", $"-dumpfile={dump2}", "dump"));

        Assert.Equal(File.ReadAllText(dump1), File.ReadAllText(dump2));
        Assert.Equal(Info("w2", keypool: 8000), Run("-wallet=w2", "info").Output);
    }

    [Fact]
    public void DumpNeverOverwritesAFile()
    {
        AddCreatedWallet("w1");
        var dump = Path.Combine(_dataDir, "existing.dump");
        File.WriteAllText(dump, "keep me");

        var (ok, output, errors) = Run("-wallet=w1", $"-dumpfile={dump}", "dump");

        Assert.False(ok);
        Assert.Equal("", output);
        Assert.Equal($"File {dump} already exists. If you are sure this is what you want, move it out of the way first.\n", errors);
        Assert.Equal("keep me", File.ReadAllText(dump));
    }

    [Fact]
    public void ARelativeDumpFileIsTakenFromTheWorkingDirectory()
    {
        AddCreatedWallet("w1");
        var (ok, _, errors) = Run("-wallet=w1", "-dumpfile=", "dump");
        Assert.False(ok);
        Assert.Equal("No dump file provided. To use dump, -dumpfile=<filename> must be provided.\n", errors);

        var name = $"relative-{Guid.NewGuid():N}.dump";
        var expected = Path.Join(Directory.GetCurrentDirectory(), name);
        try
        {
            Assert.True(Run("-wallet=w1", $"-dumpfile={name}", "dump").Ok);
            Assert.True(File.Exists(expected));
        }
        finally
        {
            File.Delete(expected);
        }
    }

    [Fact]
    public void CreateFromDumpWithABadChecksumLeavesNoWalletBehind()
    {
        AddCreatedWallet("w1");
        var dump = Path.Combine(_dataDir, "w1.dump");
        Assert.True(Run("-wallet=w1", $"-dumpfile={dump}", "dump").Ok);
        var lines = File.ReadAllLines(dump);
        var checksum = lines[^1]["checksum,".Length..];
        lines[^1] = "checksum," + new string('1', 64);
        File.WriteAllLines(dump, lines);

        var (ok, output, errors) = Run("-wallet=bad", $"-dumpfile={dump}", "createfromdump");

        Assert.False(ok);
        Assert.Equal("", output);
        Assert.Equal($"Error: Dumpfile checksum does not match. Computed {checksum}, expected {new string('1', 64)}\n", errors);
        Assert.False(Directory.Exists(Path.Combine(WalletsDir, "bad")));
    }

    [Fact]
    public void CreateFromDumpWithABadRecordLeavesNoWalletBehind()
    {
        var dump = Path.Combine(_dataDir, "bad-record.dump");
        File.WriteAllText(dump, "BITCOIN_CORE_WALLET_DUMP,1\nformat,sqlite\n0102,0304\nxyz,00\n");

        var (ok, _, errors) = Run("-wallet=bad", $"-dumpfile={dump}", "createfromdump");

        Assert.False(ok);
        Assert.Equal("Error: Got key that was not hex: xyz\n", errors);
        Assert.False(Directory.Exists(Path.Combine(WalletsDir, "bad")));
    }

    [Fact]
    public void CreateFromDumpRefusesAnExistingWalletAndLeavesIt()
    {
        AddCreatedWallet("w1");
        var dump = Path.Combine(_dataDir, "w1.dump");
        Assert.True(Run("-wallet=w1", $"-dumpfile={dump}", "dump").Ok);

        var (ok, _, errors) = Run("-wallet=w1", $"-dumpfile={dump}", "createfromdump");

        Assert.False(ok);
        Assert.Equal($"Failed to create database path '{Path.Combine(WalletsDir, "w1")}'. Database already exists.\n", errors);
        Assert.True(Run("-wallet=w1", "info").Ok);
    }

    [Fact]
    public void CreateFromDumpRefusesDumpsOfOtherDatabaseFormats()
    {
        var dump = Path.Combine(_dataDir, "bdb.dump");
        File.WriteAllText(dump, "BITCOIN_CORE_WALLET_DUMP,1\nformat,bdb\n");

        var (ok, _, errors) = Run("-wallet=w", $"-dumpfile={dump}", "createfromdump");

        Assert.False(ok);
        Assert.Equal("Error: Dumpfile specifies an unsupported database format (bdb). Only sqlite database dumps are supported\n", errors);
        Assert.False(Directory.Exists(Path.Combine(WalletsDir, "w")));
    }

    [Fact]
    public void CreateFromDumpNeedsAnExistingDumpFile()
    {
        var missing = Path.Combine(_dataDir, "missing.dump");
        Assert.Equal((false, "", "No dump file provided. To use createfromdump, -dumpfile=<filename> must be provided.\n"), Run("-wallet=w", "createfromdump"));
        Assert.Equal((false, "", $"Dump file {missing} does not exist.\n"), Run("-wallet=w", $"-dumpfile={missing}", "createfromdump"));
    }

    [Theory]
    [InlineData("create")]
    [InlineData("createfromdump")]
    public void NewWalletsNeedANonEmptyName(string command)
    {
        Assert.Equal((false, "", "Wallet name must be provided when creating a new wallet.\n"), Run(command));
        var emptyName = command == "create" ? Run("-wallet=", command) : Run("-wallet=", "-dumpfile=x.dump", command);
        Assert.Equal((false, "", "Wallet name cannot be empty\n"), emptyName);
        Assert.False(File.Exists(Path.Combine(WalletsDir, "wallet.dat")));
    }

    [Fact]
    public void DumpFileIsRefusedForCommandsThatDoNotTakeIt()
    {
        Assert.Equal((false, "", "Error: Invalid arguments provided:\n- The -dumpfile option cannot be used with the 'create' command.\n"),
            Run("-wallet=w", "-dumpfile=w.dump", "create"));
        Assert.False(Directory.Exists(Path.Combine(WalletsDir, "w")));
    }

    [Fact]
    public void InfoOfAMissingWalletNamesItsPath()
    {
        Assert.Equal((false, "", $"Failed to load database path '{Path.Combine(WalletsDir, "nonexistent.dat")}'. Path does not exist.\n"),
            Run("-wallet=nonexistent.dat", "info"));
    }

    [Fact]
    public void AWalletOpenElsewhereIsNotTouched()
    {
        AddCreatedWallet("w1");
        var chainInfo = WalletChainInfo.ForChain(Common.Chain.ChainType.Regtest);
        using var held = SqliteWalletDatabase.Open(Path.Combine(WalletsDir, "w1", "wallet.dat"), chainInfo.ApplicationId, unsafeSync: false);

        var (ok, output, errors) = Run("-wallet=w1", "info");

        Assert.False(ok);
        Assert.Equal("", output);
        Assert.StartsWith("SQLiteDatabase: Unable to obtain an exclusive lock on the database, is it being used by another instance of Bitcoin Core?", errors,
            StringComparison.Ordinal);
    }

    private void AddCreatedWallet(string name)
    {
        Directory.CreateDirectory(Path.Combine(WalletsDir, name));
        File.WriteAllBytes(Path.Combine(WalletsDir, name, "wallet.dat"), CreatedWallet.Value);
    }

    private static string Info(string name, int keypool) =>
        "Wallet info\n===========\n" +
        $"Name: {name}\nFormat: sqlite\nDescriptors: yes\nEncrypted: no\nHD (hd seed available): yes\n" +
        $"Keypool Size: {keypool}\nTransactions: 0\nAddress Book: 0\n";

    private (bool Ok, string Output, string Errors) Run(params string[] arguments)
    {
        var args = new ArgsManager();
        WalletToolArgs.Register(args);
        Assert.True(args.ParseParameters([$"-datadir={_dataDir}", "-regtest", .. arguments], out var parseError), parseError);
        args.SelectChain(args.GetChainType());
        var command = args.GetCommand();
        Assert.NotNull(command);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var ok = WalletTool.Execute(args, command.Command, output, errors);
        return (ok, output.ToString(), errors.ToString());
    }
}
