using System.Text.Json.Nodes;
using NBitcoin;

namespace Node.Bench;

/// <summary>
/// Builds the benchmark chain on a running regtest node: mature coinbases fanned out to P2WPKH and P2TR outputs,
/// then blocks that each spend one of each, then empty blocks up to the target height. Everything is mined with
/// generatetoaddress and generateblock, signed here with NBitcoin.
/// </summary>
internal sealed class ChainBuilder
{
    private const int CoinbaseMaturity = 100;
    private const int OutputsPerFanOut = 100;
    private const int FanOutsPerBlock = 5;
    private static readonly Money Fee = Money.Satoshis(2_000);

    private readonly BenchNode _node;
    private readonly Network _network = Network.RegTest;
    private readonly Key _key = new();
    private readonly Script _wpkh;
    private readonly Script _taproot;
    private readonly string _wpkhAddress;

    public ChainBuilder(BenchNode node)
    {
        _node = node;
        _wpkh = _key.PubKey.GetScriptPubKey(ScriptPubKeyType.Segwit);
        _taproot = _key.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86);
        _wpkhAddress = _wpkh.GetDestinationAddress(_network)!.ToString();
    }

    /// <summary>Mines the chain to <paramref name="height"/> with <paramref name="spendsPerType"/> spends of each output type.</summary>
    public async Task<ChainShape> BuildAsync(int height, int spendsPerType)
    {
        var fanOuts = (2 * spendsPerType + OutputsPerFanOut - 1) / OutputsPerFanOut;
        var coinbaseHashes = await GenerateAsync(fanOuts + CoinbaseMaturity).ConfigureAwait(false);

        // Fan the first coinbases out to half P2WPKH, half P2TR outputs.
        var wpkhCoins = new Queue<Coin>();
        var taprootCoins = new Queue<Coin>();
        var pending = new List<Transaction>();
        for (var i = 0; i < fanOuts; i++)
        {
            var block = await GetBlockAsync(coinbaseHashes[i]).ConfigureAwait(false);
            var coinbase = block.Transactions[0];
            var coin = new Coin(coinbase, 0u);
            var tx = _network.CreateTransaction();
            tx.Inputs.Add(coin.Outpoint);
            var each = (coin.Amount - Fee) / OutputsPerFanOut;
            for (var o = 0; o < OutputsPerFanOut; o++)
                tx.Outputs.Add(each, o % 2 == 0 ? _wpkh : _taproot);
            tx.Sign(_key.GetBitcoinSecret(_network), coin);
            for (var o = 0; o < OutputsPerFanOut; o++)
                (o % 2 == 0 ? wpkhCoins : taprootCoins).Enqueue(new Coin(tx, (uint)o));
            pending.Add(tx);
            if (pending.Count == FanOutsPerBlock || i == fanOuts - 1)
            {
                await GenerateBlockAsync(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        // One P2WPKH and one P2TR spend per block.
        var spends = 0;
        for (; spends < spendsPerType && wpkhCoins.Count > 0 && taprootCoins.Count > 0; spends++)
        {
            var txs = new List<Transaction> { Spend(wpkhCoins.Dequeue()), Spend(taprootCoins.Dequeue()) };
            await GenerateBlockAsync(txs).ConfigureAwait(false);
        }

        var tip = (await _node.CallAsync("getblockcount").ConfigureAwait(false))!.GetValue<int>();
        while (tip < height)
        {
            var count = Math.Min(500, height - tip);
            await GenerateAsync(count).ConfigureAwait(false);
            tip += count;
        }

        var transactions = height + fanOuts + 2 * spends;
        var inputs = fanOuts + 2 * spends;
        return new ChainShape(height, transactions, inputs, spends, spends);
    }

    private Transaction Spend(Coin coin)
    {
        var tx = _network.CreateTransaction();
        tx.Inputs.Add(coin.Outpoint);
        tx.Outputs.Add(coin.Amount - Fee, coin.ScriptPubKey);
        tx.Sign(_key.GetBitcoinSecret(_network), coin);
        return tx;
    }

    private async Task<IReadOnlyList<string>> GenerateAsync(int count)
    {
        var hashes = await _node.CallAsync("generatetoaddress", count, _wpkhAddress).ConfigureAwait(false);
        return hashes!.AsArray().Select(h => h!.GetValue<string>()).ToList();
    }

    private async Task GenerateBlockAsync(IReadOnlyList<Transaction> transactions)
    {
        var raw = new JsonArray(transactions.Select(t => (JsonNode?)t.ToHex()).ToArray());
        await _node.CallAsync("generateblock", _wpkhAddress, raw).ConfigureAwait(false);
    }

    private async Task<Block> GetBlockAsync(string hash)
    {
        var hex = (await _node.CallAsync("getblock", hash, 0).ConfigureAwait(false))!.GetValue<string>();
        return Block.Parse(hex, _network);
    }
}
