using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Mempool.Bench;

/// <summary>
/// A regtest chainstate in a temporary directory with a mempool attached, and the means to fill it: mature coinbases,
/// fan-out transactions confirmed in blocks, and signed P2WPKH or unsigned P2WSH(OP_TRUE) spends.
/// </summary>
internal sealed class BenchChain : IDisposable
{
    /// <summary>P2WSH of OP_TRUE: spent with the witness [OP_TRUE], no signature to make or check.</summary>
    public static readonly Script OpTrueScript = new Script(OpcodeType.OP_TRUE).WitHash.ScriptPubKey;

    private static readonly Script OpTrueWitnessScript = new(OpcodeType.OP_TRUE);
    private readonly string _dir = Directory.CreateTempSubdirectory("mempool-bench-").FullName;
    private readonly ValidationSignals _signals = new();
    private readonly List<SpendableOutput> _coinbases = [];
    private int _keySeed;
    private int _nextCoinbase;

    public BenchChain(long maxMempoolBytes = 300_000_000)
    {
        Params = ChainParams.Create(ChainType.Regtest);
        Builder = new TestChainBuilder(Params, keySource: NextKey);
        Mempool = new TxMemPool(new MempoolOptions { MaxSizeBytes = maxMempoolBytes });
        Chainman = ChainstateManager.Load(new ChainstateManagerOptions
        {
            ChainParams = Params,
            DataDir = _dir,
            DbCacheBytes = 450L << 20,
            Mempool = Mempool,
            Signals = _signals,
            ScriptCheckThreads = 0,
        });
        if (!Chainman.ImportBlocks()) throw new InvalidOperationException("The chainstate did not load.");
        Mempool.AttachChainstate(Chainman);
    }

    public ChainParams Params { get; }

    public TestChainBuilder Builder { get; }

    public ChainstateManager Chainman { get; }

    public TxMemPool Mempool { get; }

    public BlockIndex Tip => Chainman.ActiveTip!;

    /// <summary>Mines <paramref name="count"/> blocks (coinbase only), keeping their coinbase outputs.</summary>
    public void MineEmpty(int count)
    {
        for (int i = 0; i < count; i++) Mine([]);
    }

    /// <summary>Mines a block holding <paramref name="transactions"/> (which pay no fee).</summary>
    public void Mine(IReadOnlyList<Transaction> transactions)
    {
        var block = Builder.BuildBlock(Tip, transactions);
        var result = Chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true);
        if (!result.Accepted || Tip.Hash != block.GetHash()) throw new InvalidOperationException($"Block rejected: {result.CheckedState}");
        _coinbases.Add(Builder.Spendable[^1]);
        _signals.SyncWithValidationInterfaceQueue();
    }

    /// <summary>
    /// Confirms <paramref name="count"/> new outputs of <paramref name="amount"/> satoshis paying to
    /// P2WSH(OP_TRUE) when <paramref name="opTrue"/>, else to a new P2WPKH key each, spending mature coinbases in fan-outs of at most
    /// <paramref name="perFanout"/> outputs, in as many blocks as their weight needs.
    /// </summary>
    public List<SpendableOutput> ConfirmOutputs(int count, long amount, bool opTrue, int perFanout = 2000)
    {
        int fanouts = (count + perFanout - 1) / perFanout;
        // Coinbases spend only 100 blocks deep.
        MineEmpty(Math.Max(0, _nextCoinbase + fanouts + 100 - _coinbases.Count));
        var outputs = new List<SpendableOutput>(count);
        var pending = new List<Transaction>();
        long pendingWeight = 0;
        while (outputs.Count < count)
        {
            var input = _coinbases[_nextCoinbase++];
            int n = Math.Min(perFanout, count - outputs.Count);
            if (input.Output.Value.Satoshi < n * amount) throw new InvalidOperationException("A coinbase cannot fund that many outputs.");
            var tx = Params.Network.CreateTransaction();
            tx.Version = 2;
            tx.Inputs.Add(new TxIn(input.OutPoint) { Sequence = Sequence.Final });
            var keys = new Key[n];
            for (int i = 0; i < n; i++)
            {
                keys[i] = NextKey();
                tx.Outputs.Add(new TxOut(Money.Satoshis(amount), opTrue ? OpTrueScript : keys[i].PubKey.WitHash.ScriptPubKey));
            }
            // The rest goes back to OP_TRUE: a fan-out pays no fee.
            tx.Outputs.Add(new TxOut(input.Output.Value - Money.Satoshis(n * amount), OpTrueScript));
            TestChainBuilder.Sign(tx, [input]);
            for (int i = 0; i < n; i++) outputs.Add(new SpendableOutput(new OutPoint(tx, i), tx.Outputs[i], keys[i], null, false));
            long weight = tx.GetSerializedSize() * 4L;
            if (pendingWeight + weight > 3_600_000)
            {
                Mine(pending);
                pending = [];
                pendingWeight = 0;
            }
            pending.Add(tx);
            pendingWeight += weight;
        }
        if (pending.Count > 0) Mine(pending);
        return outputs;
    }

    /// <summary>A signed spend of one P2WPKH output to a new P2WPKH output, paying <paramref name="fee"/>.</summary>
    public Transaction SignedSpend(SpendableOutput input, long fee, out SpendableOutput created)
    {
        var tx = Params.Network.CreateTransaction();
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(input.OutPoint) { Sequence = Sequence.Final });
        var key = NextKey();
        tx.Outputs.Add(new TxOut(input.Output.Value - Money.Satoshis(fee), key.PubKey.WitHash.ScriptPubKey));
        TestChainBuilder.Sign(tx, [input]);
        created = new SpendableOutput(new OutPoint(tx, 0), tx.Outputs[0], key, null, false);
        return tx;
    }

    /// <summary>A spend of P2WSH(OP_TRUE) <paramref name="inputs"/> into <paramref name="outputs"/> equal OP_TRUE outputs, paying <paramref name="fee"/>.</summary>
    public Transaction OpTrueSpend(IReadOnlyList<OutPoint> inputs, long inputTotal, int outputs, long fee)
    {
        var tx = Params.Network.CreateTransaction();
        tx.Version = 2;
        foreach (var input in inputs)
            tx.Inputs.Add(new TxIn(input) { Sequence = Sequence.Final, WitScript = new WitScript([OpTrueWitnessScript.ToBytes()], true) });
        long each = (inputTotal - fee) / outputs;
        for (int i = 0; i < outputs; i++) tx.Outputs.Add(new TxOut(Money.Satoshis(each), OpTrueScript));
        return tx;
    }

    /// <summary>Empties the mempool (between benchmark iterations).</summary>
    public void ClearMempool()
    {
        foreach (var entry in Mempool.EntriesInMiningOrder())
        {
            if (Mempool.Exists(entry.Txid)) Mempool.RemoveRecursive(entry.Transaction, MempoolRemovalReason.Replaced);
        }
    }

    public void Dispose()
    {
        _signals.SyncWithValidationInterfaceQueue();
        Chainman.Dispose();
        _signals.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the system later.
        }
    }

    // Deterministic keys: quick to make, and runs are repeatable.
    private Key NextKey() => new(NBitcoin.Crypto.Hashes.SHA256(BitConverter.GetBytes(++_keySeed)));
}
