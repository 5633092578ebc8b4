using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Mining;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Mining;

/// <summary>
/// Mature coinbase outputs of a key the test holds, on a <see cref="RegtestNode"/>, and signed transactions spending
/// them, with the fee, weight and sigop cost a mempool would report.
/// </summary>
internal sealed class SpendableCoins
{
    private readonly RegtestNode _node;
    private readonly Key _key = new();
    private readonly Queue<Coin> _coins = new();

    private SpendableCoins(RegtestNode node) => _node = node;

    public Script ScriptPubKey => _key.PubKey.WitHash.ScriptPubKey;

    /// <summary>The key, as WIF for the node's network.</summary>
    public string Wif => _key.GetWif(_node.ChainParams.Network).ToString();

    /// <summary>Takes the next unspent coin without spending it.</summary>
    public Coin Take() => _coins.Dequeue();

    /// <summary>Mines <paramref name="count"/> blocks to the test key, then 100 more so their coinbases mature.</summary>
    public static async Task<SpendableCoins> CreateAsync(RegtestNode node, int count)
    {
        var coins = new SpendableCoins(node);
        string address = coins.ScriptPubKey.GetDestinationAddress(node.ChainParams.Network)!.ToString();
        foreach (var hash in await node.GenerateAsync(count, address))
        {
            var block = node.Chainman.ReadBlock(node.Chainman.LookupBlockIndex(uint256.Parse(hash))!)!;
            var coinbase = block.Transactions[0];
            coins._coins.Enqueue(new Coin(coinbase, 0));
        }
        await node.GenerateAsync(100);
        return coins;
    }

    /// <summary>A signed transaction spending the next coin to <paramref name="outputs"/> outputs of the test key, paying <paramref name="fee"/>.</summary>
    public Transaction Spend(long fee, int outputs = 1, uint lockTime = 0, uint sequence = uint.MaxValue)
    {
        var coin = _coins.Dequeue();
        return SpendCoins([coin], fee, outputs, lockTime, sequence);
    }

    /// <summary>A signed transaction spending output <paramref name="index"/> of <paramref name="parent"/>.</summary>
    public Transaction SpendOutput(Transaction parent, int index, long fee) => SpendCoins([new Coin(parent, (uint)index)], fee, 1, 0, uint.MaxValue);

    /// <summary>The chunk entry a mempool would offer for <paramref name="tx"/> (a P2WPKH spend costs one sigop per input).</summary>
    public static BlockChunkEntry Entry(Transaction tx, long fee) =>
        new(tx, fee, fee, SigOpCost: tx.Inputs.Count, Weight: TxChecks.GetTransactionWeight(tx));

    /// <summary>A chunk of one transaction.</summary>
    public static BlockChunk Chunk(Transaction tx, long fee)
    {
        var entry = Entry(tx, fee);
        return new BlockChunk([entry], fee, entry.Weight);
    }

    private Transaction SpendCoins(IReadOnlyList<Coin> spent, long fee, int outputs, uint lockTime, uint sequence)
    {
        var network = _node.ChainParams.Network;
        var tx = network.CreateTransaction();
        tx.Version = 2;
        tx.LockTime = new LockTime(lockTime);
        foreach (var coin in spent) tx.Inputs.Add(new TxIn(coin.Outpoint) { Sequence = new Sequence(sequence) });
        long total = spent.Sum(c => c.Amount.Satoshi) - fee;
        for (int i = 0; i < outputs; i++)
        {
            long amount = i == outputs - 1 ? total - (total / outputs * (outputs - 1)) : total / outputs;
            tx.Outputs.Add(new TxOut(Money.Satoshis(amount), ScriptPubKey));
        }
        tx.Sign([_key.GetBitcoinSecret(network)], spent.ToArray());
        return tx;
    }
}
