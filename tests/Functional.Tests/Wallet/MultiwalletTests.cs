using System.Diagnostics;
using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Wallet;

/// <summary>Several wallets in one node: /wallet/&lt;name&gt; endpoints, bitcoin-cli -rpcwallet, load and unload errors.</summary>
public sealed class MultiwalletTests
{
    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task EachEndpointReachesItsOwnWalletAndAmbiguousCallsAreRefused(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var alice = await node.CreateWalletAsync("alice");
        using var bob = await node.CreateWalletAsync("bob wallet");
        using var root = new WalletClient(node, null);
        using var missing = new WalletClient(node, "nobody");

        Assert.Equal("alice", (await alice.CallAsync("getwalletinfo"))!["walletname"]!.GetValue<string>());
        Assert.Equal("bob wallet", (await bob.CallAsync("getwalletinfo"))!["walletname"]!.GetValue<string>());
        var wallets = (await root.CallAsync("listwallets"))!.AsArray().Select(w => w!.GetValue<string>()).Order().ToList();
        Assert.Equal(["alice", "bob wallet"], wallets);

        await root.AssertErrorAsync(-19, "Multiple wallets are loaded. Please select which wallet to use by requesting the RPC through the /wallet/<walletname> URI path.", "getwalletinfo");
        await missing.AssertErrorAsync(-18, "Requested wallet does not exist or is not loaded", "getwalletinfo");

        // An address belongs to the wallet that handed it out, and only to it.
        var address = await alice.NewAddressAsync();
        Assert.True((await alice.CallAsync("getaddressinfo", address))!["ismine"]!.GetValue<bool>());
        Assert.False((await bob.CallAsync("getaddressinfo", address))!["ismine"]!.GetValue<bool>());

        // bitcoin-cli's -rpcwallet picks the endpoint.
        var cli = await RunCliAsync(node, "-rpcwallet=bob wallet", "getwalletinfo");
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal("bob wallet", JsonNode.Parse(cli.Stdout)!["walletname"]!.GetValue<string>());
        var cliMissing = await RunCliAsync(node, "-rpcwallet=nobody", "getbalance");
        Assert.Equal(18, cliMissing.ExitCode);
        Assert.Contains("Requested wallet does not exist or is not loaded", cliMissing.Stderr, StringComparison.Ordinal);

        // Loading a loaded wallet, unloading and loading again, loading what does not exist.
        await root.AssertErrorAsync(-35, "Wallet \"alice\" is already loaded.", "loadwallet", "alice");
        await root.CallAsync("unloadwallet", "alice");
        await alice.AssertErrorAsync(-18, "Requested wallet does not exist or is not loaded", "getwalletinfo");
        Assert.Equal("bob wallet", (await root.CallAsync("getwalletinfo"))!["walletname"]!.GetValue<string>());
        await root.CallAsync("loadwallet", "alice");
        Assert.True((await alice.CallAsync("getaddressinfo", address))!["ismine"]!.GetValue<bool>());
        await root.AssertErrorAsync(-18, "Path does not exist", "loadwallet", "nobody");
    }

    private static async Task<ProcessResult> RunCliAsync(NodeProcess node, params string[] arguments)
    {
        var info = new ProcessStartInfo(RepoPaths.Executable("bitcoin-cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-regtest", $"-datadir={node.DataDir}", $"-rpcport={node.RpcPort}", .. arguments])
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(NodeProcess.Patience);
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
