using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Wallet;

/// <summary>Starting nodes with a wallet set-up and the chain steps wallet tests share.</summary>
internal static class WalletNodes
{
    /// <summary>
    /// The wallet options every start gets: a fallback fee (regtest has no fee estimates) and a small key pool (as
    /// Core's functional tests use), so creating and loading wallets stays quick.
    /// </summary>
    public static readonly string[] WalletArguments = ["-fallbackfee=0.0002", "-keypool=10"];

    /// <summary>
    /// The node executables every wallet test runs against: bitcoind (wallet in the node's process) and bitcoin-node
    /// (wallet in the bitcoin-wallet process it spawns), which must behave the same from outside.
    /// </summary>
    public static TheoryData<string> Executables => new("bitcoind", "bitcoin-node");

    /// <summary>
    /// A started regtest <paramref name="executable"/> (bitcoind or bitcoin-node) with <see cref="WalletArguments"/> and
    /// <paramref name="extraArguments"/>.
    /// </summary>
    public static async Task<NodeProcess> StartAsync(string executable, params string[] extraArguments)
    {
        var node = NodeProcess.Create(executable);
        try
        {
            await node.StartAsync([.. WalletArguments, .. extraArguments]);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates (and loads) a descriptor wallet; encrypted when <paramref name="passphrase"/> is given.</summary>
    public static async Task<WalletClient> CreateWalletAsync(this NodeProcess node, string name, string? passphrase = null)
    {
        var parameters = new JsonObject { ["wallet_name"] = name };
        if (passphrase is not null)
            parameters["passphrase"] = passphrase;
        using (var root = new WalletClient(node, null))
            await root.CallNamedAsync("createwallet", parameters);
        return new WalletClient(node, name);
    }

    /// <summary>Mines <paramref name="count"/> blocks paying their reward to <paramref name="address"/>.</summary>
    public static async Task<IReadOnlyList<string>> MineToAsync(this NodeProcess node, string address, int count)
    {
        var result = await node.RpcAsync("generatetoaddress", count, address);
        return [.. result!.AsArray().Select(h => h!.GetValue<string>())];
    }

    /// <summary>A wallet with 101 blocks mined to it: 50 BTC of the first block are spendable.</summary>
    public static async Task<WalletClient> CreateFundedWalletAsync(this NodeProcess node, string name, string? passphrase = null)
    {
        var wallet = await node.CreateWalletAsync(name, passphrase);
        await node.MineToAsync(await wallet.NewAddressAsync(), 101);
        return wallet;
    }

    /// <summary>The txids in the node's mempool.</summary>
    public static async Task<HashSet<string>> MempoolAsync(this NodeProcess node) =>
        [.. (await node.RpcAsync("getrawmempool"))!.AsArray().Select(t => t!.GetValue<string>())];

    /// <summary>Waits until the wallets have handled every chain and mempool notification queued so far.</summary>
    public static Task SyncWalletsAsync(this NodeProcess node) => node.RpcAsync("syncwithvalidationinterfacequeue");

    /// <summary>Waits until <paramref name="condition"/> holds (notifications reach the wallet asynchronously).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + NodeProcess.Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Timed out waiting until " + what);
            await Task.Delay(50);
        }
    }
}
