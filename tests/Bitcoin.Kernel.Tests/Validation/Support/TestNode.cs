using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Tests.Storage;
using Bitcoin.Kernel.Validation;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Validation.Support;

/// <summary>
/// A regtest chainstate in a temporary data directory with a <see cref="TestChainBuilder"/> to feed it blocks.
/// Reopening keeps the directory; disposing closes everything and deletes it.
/// </summary>
internal sealed class TestNode : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TestNode(Func<ChainstateManagerOptions, ChainstateManagerOptions>? configure = null)
    {
        Params = ChainParams.Create(ChainType.Regtest);
        Builder = new TestChainBuilder(Params);
        Signals = new ValidationSignals();
        Chainman = Open(configure);
    }

    public ChainParams Params { get; }

    public TestChainBuilder Builder { get; }

    public ValidationSignals Signals { get; }

    public ChainstateManager Chainman { get; private set; }

    public string DataDir => _dir.Path;

    public BlockIndex Tip => Chainman.ActiveTip!;

    public ChainstateManagerOptions DefaultOptions() => new()
    {
        ChainParams = Params,
        DataDir = _dir.Path,
        DbCacheBytes = 16L << 20,
        Signals = Signals,
        ScriptCheckThreads = 2,
    };

    /// <summary>Closes the chainstate (flushing) and opens it again with possibly different options.</summary>
    public ChainstateManager Reopen(Func<ChainstateManagerOptions, ChainstateManagerOptions>? configure = null, bool import = true)
    {
        Signals.SyncWithValidationInterfaceQueue();
        Chainman.Dispose();
        Chainman = Open(configure, import);
        return Chainman;
    }

    /// <summary>Builds a block on the tip with <paramref name="transactions"/> and submits it; asserts it became the tip.</summary>
    public Block Mine(IReadOnlyList<Transaction>? transactions = null, Money? fees = null)
    {
        var block = Builder.BuildBlock(Tip, transactions, fees);
        var result = Chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true);
        Assert.True(result.Accepted, $"block rejected: {result.CheckedState}");
        Assert.Equal(block.GetHash(), Tip.Hash);
        return block;
    }

    /// <summary>Mines <paramref name="count"/> empty blocks.</summary>
    public List<Block> MineBlocks(int count)
    {
        var blocks = new List<Block>();
        for (int i = 0; i < count; i++) blocks.Add(Mine());
        return blocks;
    }

    /// <summary>Mines a block spending mature outputs of the builder in <paramref name="txCount"/> transactions.</summary>
    public Block MineWithSpends(int txCount = 2, int inputsPerTx = 1)
    {
        var txs = new List<Transaction>();
        long fees = 0;
        var mature = Builder.Mature(Tip.Height).ToList();
        for (int t = 0; t < txCount && mature.Count >= inputsPerTx; t++)
        {
            var inputs = mature.Take(inputsPerTx).ToList();
            mature.RemoveRange(0, inputsPerTx);
            var tx = Builder.Spend(inputs, outputCount: 2, fee: Money.Satoshis(1000));
            txs.Add(tx);
            fees += 1000;
        }
        return Mine(txs, Money.Satoshis(fees));
    }

    /// <summary>The whole UTXO set as written to disk, after a flush.</summary>
    public Dictionary<OutPoint, Coin> UtxoSet()
    {
        Chainman.FlushStateToDisk(FlushStateMode.ForceFlush);
        lock (Chainman.Lock) return Chainman.ActiveChainstate.CoinsDb.EnumerateCoins().ToDictionary(p => p.Key, p => p.Value);
    }

    public void Dispose()
    {
        try
        {
            Signals.SyncWithValidationInterfaceQueue();
            Chainman.Dispose();
            Signals.Dispose();
        }
        finally
        {
            _dir.Dispose();
        }
    }

    private ChainstateManager Open(Func<ChainstateManagerOptions, ChainstateManagerOptions>? configure, bool import = true)
    {
        var options = DefaultOptions();
        if (configure is not null) options = configure(options);
        var chainman = ChainstateManager.Load(options);
        if (import) Assert.True(chainman.ImportBlocks());
        return chainman;
    }
}
