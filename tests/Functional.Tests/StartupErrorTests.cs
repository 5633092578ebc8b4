using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>Bad command lines and environments are refused at start-up with Core's message and exit status 1.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task UnknownOptionIsRefused()
    {
        var result = await NodeProcess.RunToExitAsync("-regtest", "-fakearg");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Error parsing command line arguments: Invalid parameter -fakearg\n", result.Stderr);
    }

    [Fact]
    public async Task WordWithoutDashIsRefused()
    {
        var datadir = Directory.CreateTempSubdirectory("bitcoind-ft-").FullName;
        try
        {
            var result = await NodeProcess.RunToExitAsync("-regtest", $"-datadir={datadir}", "getblockcount");
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("Error: Command line contains unexpected token 'getblockcount', see bitcoind -h for a list of options.\n", result.Stderr);
        }
        finally
        {
            Directory.Delete(datadir, recursive: true);
        }
    }

    [Fact]
    public async Task MissingDataDirectoryIsRefused()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bitcoind-ft-missing-" + Guid.NewGuid().ToString("N"));
        var result = await NodeProcess.RunToExitAsync("-regtest", $"-datadir={missing}");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Error: Specified data directory \"{missing}\" does not exist.\n", result.Stderr);
    }

    [Fact]
    public async Task ConflictingChainsAreRefused()
    {
        var result = await NodeProcess.RunToExitAsync("-regtest", "-testnet4");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedValuesAreRefusedWithCoreMessages()
    {
        await using var node = NodeProcess.Create();
        foreach (var (argument, message) in new[]
                 {
                     ("-rpcport=0", "Error: Invalid port specified in -rpcport: '0'\n"),
                     ("-testactivationheight=segwit", "Error: Invalid format (segwit) for -testactivationheight=name@height.\n"),
                     ("-assumevalid=xyz", "Error: Invalid assumevalid block hash specified (xyz), must be up to 64 hex digits (or 0 to disable)\n"),
                     ("-debug=nosuchcategory", "Error: Unsupported logging category -debug=nosuchcategory.\n"),
                     ("-prune=-1", "Error: Prune cannot be configured with a negative value.\n"),
                 })
        {
            var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments, argument]);
            Assert.True(result.ExitCode == 1, $"{argument}: exit status {result.ExitCode}");
            Assert.Equal(message, result.Stderr);
        }
    }

    [Fact]
    public async Task SecondNodeOnTheSameDataDirectoryIsRefused()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();

        var second = await NodeProcess.RunToExitAsync("-regtest", $"-datadir={node.DataDir}", $"-rpcport={FreePorts.Next()}");

        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"Error: Cannot obtain a lock on directory {node.NetDir}. Bitcoin Core is probably already running.\n", second.Stderr);
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task RpcPortInUseFailsTheStart()
    {
        await using var first = NodeProcess.Create();
        await first.StartAsync();
        await using var second = NodeProcess.Create();

        second.Launch($"-rpcport={first.RpcPort}");

        Assert.Equal(1, await second.WaitForExitAsync());
        Assert.Contains("Error: Unable to start HTTP server. See debug log for details.", second.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(second.PidFile), "a failed start removes its pid file");
        Assert.Equal(0, await first.StopAsync());
    }

    [Fact]
    public async Task HelpIsPrintedAndExitsZero()
    {
        var result = await NodeProcess.RunToExitAsync("-help");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Bitcoin Core daemon version v", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Usage: bitcoind [options]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  -datadir=<dir>", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task VersionIsPrintedAndExitsZero()
    {
        var result = await NodeProcess.RunToExitAsync("-version");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Bitcoin Core daemon version v31.99.0\nCopyright (C) ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nDistributed under the MIT software license", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Stdout, StringComparison.Ordinal);
    }
}
