using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Mempool.Support;

/// <summary>
/// A regtest chainstate with an attached mempool (Core's TestChain100Setup with a mempool): 101 blocks mined so the
/// first coinbases are spendable, a mock clock shared by chain and mempool, and helpers to build signed spends.
/// </summary>
internal sealed class MempoolNode : IDisposable
{
    public MempoolNode(Func<MempoolOptions, MempoolOptions>? configure = null, int blocks = 110)
    {
        Clock = new MockClock();
        var options = new MempoolOptions { CheckRatio = 1, Clock = Clock };
        if (configure is not null) options = configure(options);
        TxMemPool? mempool = null;
        Node = new TestNode(o => o with { Mempool = mempool = new TxMemPool(options with { Signals = o.Signals }), Clock = Clock });
        Mempool = mempool!;
        Mempool.AttachChainstate(Node.Chainman);
        Node.MineBlocks(blocks);
    }

    public MockClock Clock { get; }

    public TestNode Node { get; }

    public TxMemPool Mempool { get; }

    public TestChainBuilder Builder => Node.Builder;

    public ChainstateManager Chainman => Node.Chainman;

    /// <summary>A mature confirmed coin of the builder (taken so later calls get others).</summary>
    public SpendableOutput TakeCoin()
    {
        var coin = Builder.Mature(Node.Tip.Height).First(o => o.Height is not null);
        return coin;
    }

    /// <summary>A signed spend of <paramref name="inputs"/> to <paramref name="outputs"/> new outputs paying <paramref name="fee"/>.</summary>
    public Transaction Spend(IReadOnlyList<SpendableOutput> inputs, long fee = 1000, int outputs = 1) =>
        Builder.Spend(inputs, outputs, Money.Satoshis(fee));

    /// <summary>
    /// A signed transaction of <paramref name="version"/> spending <paramref name="inputs"/> to new P2WPKH outputs of
    /// the given values (plus <paramref name="extra"/> outputs as given); the new outputs become spendable.
    /// </summary>
    public Transaction Create(IReadOnlyList<SpendableOutput> inputs, IReadOnlyList<long> values, uint version = 2, IReadOnlyList<TxOut>? extra = null)
    {
        var tx = Node.Params.Network.CreateTransaction();
        tx.Version = version;
        foreach (var input in inputs) tx.Inputs.Add(new TxIn(input.OutPoint) { Sequence = Sequence.Final });
        var keys = new List<Key>();
        foreach (long value in values)
        {
            var key = new Key();
            keys.Add(key);
            tx.Outputs.Add(new TxOut(Money.Satoshis(value), key.PubKey.WitHash.ScriptPubKey));
        }
        foreach (var output in extra ?? []) tx.Outputs.Add(output);
        TestChainBuilder.Sign(tx, inputs);
        foreach (var input in inputs) Builder.Forget(input);
        for (int i = 0; i < keys.Count; i++) Builder.AddSpendable(new SpendableOutput(new OutPoint(tx, i), tx.Outputs[i], keys[i], null, false));
        return tx;
    }

    /// <summary>The outputs of <paramref name="tx"/> the builder can spend.</summary>
    public List<SpendableOutput> OutputsOf(Transaction tx) => Builder.Spendable.Where(o => o.OutPoint.Hash == tx.GetHash()).ToList();

    /// <summary>Accepts <paramref name="tx"/>; asserts success.</summary>
    public MempoolAcceptResult Accept(Transaction tx)
    {
        var result = Mempool.AcceptToMemoryPool(tx);
        Assert.True(result.ResultType == MempoolAcceptResultType.Valid, $"rejected: {result.State}");
        return result;
    }

    /// <summary>Mines a block with the given transactions (fees added to the coinbase).</summary>
    public Block Mine(IReadOnlyList<Transaction> transactions)
    {
        long fees = 0;
        lock (Chainman.Lock)
        {
            foreach (var tx in transactions)
            {
                long inputs = tx.Inputs.Sum(i => Chainman.ActiveChainstate.CoinsTip.GetCoin(i.PrevOut)?.Output.Value.Satoshi
                                                 ?? transactions.First(t => t.GetHash() == i.PrevOut.Hash).Outputs[(int)i.PrevOut.N].Value.Satoshi);
                fees += inputs - tx.Outputs.Sum(o => o.Value.Satoshi);
            }
        }
        return Node.Mine(transactions, Money.Satoshis(fees));
    }

    public void Dispose() => Node.Dispose();
}
