using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>bitcoin.conf is read as Core reads it: chain selection, network sections, and Core's errors.</summary>
public sealed class ConfigFileTests
{
    [Fact]
    public async Task RegtestSectionWinsOverOtherSectionsAndDefaults()
    {
        await using var node = NodeProcess.Create();
        var decoyPort = FreePorts.Next();
        node.WriteConfig($"""
            regtest=1
            printtoconsole=0
            rpcport={decoyPort}
            [main]
            rpcport={FreePorts.Next()}
            [regtest]
            rpcport={node.RpcPort}
            port={node.P2pPort}
            bind=127.0.0.1
            """);

        node.LaunchExactly([$"-datadir={node.DataDir}"]);
        await node.WaitForRpcAsync();

        Assert.Contains($"Config file arg: [regtest] rpcport=\"{node.RpcPort}\"", node.ReadDebugLog(), StringComparison.Ordinal);
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task NetworkOptionOutsideItsSectionIsRefused()
    {
        await using var node = NodeProcess.Create();
        node.WriteConfig("regtest=1\nport=12345\n");

        var result = await NodeProcess.RunToExitAsync($"-datadir={node.DataDir}");

        Assert.Equal(1, result.ExitCode);
        // Core ends each such error with a newline, and the report adds its own.
        Assert.Equal("Error: Config setting for -port only applied on regtest network when in [regtest] section.\n\n", result.Stderr);
    }

    [Fact]
    public async Task UnknownOptionInConfigFileIsIgnoredButUnknownSectionIsReported()
    {
        await using var node = NodeProcess.Create();
        node.WriteConfig("nosuchoption=1\n[nosuchsection]\nserver=1\n");

        await node.StartAsync();

        Assert.Contains("Section [nosuchsection] is not recognized.", node.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task MalformedConfigLineIsRefused()
    {
        await using var node = NodeProcess.Create();
        node.WriteConfig("regtest=1\nthis line has no equals sign\n");

        var result = await NodeProcess.RunToExitAsync($"-datadir={node.DataDir}");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: Error reading configuration file: parse error on line 2: this line has no equals sign", result.Stderr, StringComparison.Ordinal);
    }
}
