using System.Text.Json.Nodes;

namespace Functional.Tests.Infrastructure;

/// <summary>Chain helpers over a node's RPC, as Core's functional framework uses them.</summary>
internal static class NodeChainExtensions
{
    /// <summary>A regtest address (BIP173's example) to mine to.</summary>
    public const string MiningAddress = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";

    /// <summary>Mines <paramref name="count"/> blocks and returns their hashes.</summary>
    public static async Task<IReadOnlyList<string>> GenerateAsync(this NodeProcess node, int count)
    {
        var result = await node.RpcAsync("generatetoaddress", count, MiningAddress).ConfigureAwait(false);
        return result!.AsArray().Select(h => h!.GetValue<string>()).ToList();
    }

    public static async Task<int> BlockCountAsync(this NodeProcess node) =>
        (await node.RpcAsync("getblockcount").ConfigureAwait(false))!.GetValue<int>();

    public static async Task<string> BestBlockHashAsync(this NodeProcess node) =>
        (await node.RpcAsync("getbestblockhash").ConfigureAwait(false))!.GetValue<string>();

    /// <summary>The UTXO set's hash_serialized_3 and height (gettxoutsetinfo also flushes the chainstate).</summary>
    public static async Task<(string Hash, int Height)> UtxoSetAsync(this NodeProcess node)
    {
        var info = (await node.RpcAsync("gettxoutsetinfo").ConfigureAwait(false))!.AsObject();
        return (info["hash_serialized_3"]!.GetValue<string>(), info["height"]!.GetValue<int>());
    }

    /// <summary>Waits until the best block is <paramref name="hash"/> (a reindex connects blocks after RPC is up).</summary>
    public static async Task WaitForBestBlockAsync(this NodeProcess node, string hash)
    {
        var deadline = DateTime.UtcNow + NodeProcess.Patience;
        string best;
        while ((best = await node.BestBlockHashAsync().ConfigureAwait(false)) != hash)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"best block is {best}, expected {hash}");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>verifychain at a level over a number of blocks (0 = all).</summary>
    public static async Task<bool> VerifyChainAsync(this NodeProcess node, int level, int blocks) =>
        (await node.RpcAsync("verifychain", level, blocks).ConfigureAwait(false))!.GetValue<bool>();

    public static JsonObject AsObject(this JsonNode node) => node as JsonObject ?? throw new InvalidCastException("not an object");
}
