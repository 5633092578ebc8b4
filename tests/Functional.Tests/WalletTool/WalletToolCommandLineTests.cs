using Functional.Tests.Infrastructure;

namespace Functional.Tests.WalletTool;

/// <summary>bitcoin-wallet's command line as Core's tool answers it: usage, version, bad options and commands, exit codes.</summary>
public sealed class WalletToolCommandLineTests
{
    [Fact]
    public async Task NoArgumentsPrintUsageAndFail()
    {
        var result = await WalletToolProcess.RunAsync();
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Usage: bitcoin-wallet [options] <command>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("createfromdump", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("Error: too few parameters\n", result.Stderr);
    }

    [Fact]
    public async Task VersionAndHelpSucceed()
    {
        var version = await WalletToolProcess.RunAsync("-version");
        Assert.Equal(0, version.ExitCode);
        Assert.Contains("bitcoin-wallet utility version", version.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", version.Stdout, StringComparison.Ordinal);

        var help = await WalletToolProcess.RunAsync("-help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("-dumpfile=<file name>", help.Stdout, StringComparison.Ordinal);
        Assert.Equal("", help.Stderr);
    }

    [Theory]
    [InlineData("Error parsing command line arguments: Invalid command 'foo'", "foo")]
    [InlineData("Error parsing command line arguments: Invalid command 'help'", "help")]
    [InlineData("Error parsing command line arguments: Invalid parameter -foo", "-foo")]
    [InlineData("Error parsing command line arguments: Invalid parameter -legacy", "-wallet=w", "-legacy", "create")]
    [InlineData("Error parsing command line arguments: Invalid parameter -descriptors=false", "-wallet=w", "-descriptors=false", "create")]
    [InlineData("Error parsing command line arguments: Invalid parameter -withinternalbdb", "-wallet=w", "-withinternalbdb", "info")]
    [InlineData("Error: Additional arguments provided (create). Methods do not take arguments. Please refer to `-help`.", "info", "create")]
    [InlineData("No method provided. Run `bitcoin-wallet -help` for valid methods.")]
    public async Task BadCommandLinesAreRefusedWithCoresMessages(string expected, params string[] arguments)
    {
        var dataDir = Directory.CreateTempSubdirectory("wallet-tool-cli-").FullName;
        try
        {
            var result = await WalletToolProcess.RunAsync([$"-datadir={dataDir}", "-regtest", .. arguments]);
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.Equal(expected + "\n", result.Stderr);
            // Nothing was created for a refused command line.
            Assert.False(Directory.Exists(Path.Combine(dataDir, "regtest", "wallets", "w")));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task AMissingDataDirectoryIsReported()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-datadir-{Guid.NewGuid():N}");
        var result = await WalletToolProcess.RunAsync($"-datadir={missing}", "-wallet=w", "info");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Error: Specified data directory \"{missing}\" does not exist.\n", result.Stderr);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task SeveralChainsAreRefused()
    {
        var dataDir = Directory.CreateTempSubdirectory("wallet-tool-cli-").FullName;
        try
        {
            var result = await WalletToolProcess.RunAsync($"-datadir={dataDir}", "-regtest", "-testnet4", "-wallet=w", "create");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.", result.Stderr, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(dataDir));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
