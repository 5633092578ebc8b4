using System.Text.Json.Nodes;
using Node.Bench;

namespace Wallet.Multiprocess.Bench;

/// <summary>Node.Bench's benchmark chain as raw blocks, with the two addresses every transaction of it pays.</summary>
/// <param name="Shape">What the chain holds.</param>
/// <param name="BlocksHex">Blocks 1..tip, serialized, in order (for submitblock).</param>
/// <param name="WitnessV0Address">The P2WPKH address of every coinbase and half of the fanned-out outputs.</param>
/// <param name="TaprootAddress">The P2TR address of the other half.</param>
internal sealed record BenchmarkChain(ChainShape Shape, IReadOnlyList<string> BlocksHex, string WitnessV0Address, string TaprootAddress)
{
    /// <summary>Builds the chain with <paramref name="bitcoind"/> in <paramref name="dataDir"/> and reads it back.</summary>
    public static async Task<BenchmarkChain> BuildAsync(string bitcoind, string dataDir, int blocks, int spends)
    {
        using var node = BenchNode.Start(bitcoind, dataDir, "-disablewallet");
        await node.WaitForRpcAsync().ConfigureAwait(false);
        var shape = await new ChainBuilder(node).BuildAsync(blocks, spends).ConfigureAwait(false);

        var hexes = new List<string>(blocks);
        string? wpkh = null, taproot = null;
        for (var height = 1; height <= blocks; height++)
        {
            var hash = (await node.CallAsync("getblockhash", height).ConfigureAwait(false))!.GetValue<string>();
            hexes.Add((await node.CallAsync("getblock", hash, 0).ConfigureAwait(false))!.GetValue<string>());
            if (taproot is not null)
                continue;
            // The builder pays its coinbases to P2WPKH and fans them out to P2WPKH and P2TR outputs of the same key.
            var block = (await node.CallAsync("getblock", hash, 2).ConfigureAwait(false))!.AsObject();
            var transactions = block["tx"]!.AsArray();
            wpkh ??= Address(transactions[0]!, 0);
            if (transactions.Count > 1)
                taproot = Address(transactions[1]!, 1);
        }

        await node.CallAsync("stop").ConfigureAwait(false);
        await node.WaitForExitAsync().ConfigureAwait(false);
        return new BenchmarkChain(shape, hexes,
            wpkh ?? throw new InvalidOperationException("No coinbase in the chain"),
            taproot ?? throw new InvalidOperationException("No fan-out transaction in the chain"));
    }

    private static string Address(JsonNode transaction, int output) =>
        transaction["vout"]![output]!["scriptPubKey"]!["address"]!.GetValue<string>();
}
