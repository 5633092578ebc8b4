using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Wallet.Tests.Spend;

/// <summary>
/// An in-memory node for wallet tests: a regtest chain of blocks made on demand, a UTXO set, a mempool that accepts
/// whatever is broadcast (recording it), fee estimates and relay fees the test sets, and synchronous notifications.
/// </summary>
internal sealed class FakeChain : IChain
{
    private readonly Lock _lock = new();
    private readonly List<Block> _blocks = [];
    private readonly Dictionary<uint256, int> _heights = [];
    private readonly Dictionary<OutPoint, ChainCoin> _utxos = [];
    private readonly Dictionary<uint256, Transaction> _mempool = [];
    private readonly List<IChainNotifications> _clients = [];
    private long _time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public FakeChain()
    {
        var genesis = Network.RegTest.GetGenesis();
        AddBlock(genesis);
    }

    /// <summary>The fee estimate (sat/kvB) for every target; null: estimation fails.</summary>
    public long? EstimateSatPerKvB { get; set; }

    public long MinRelaySatPerKvB { get; set; } = 100;

    public long IncrementalSatPerKvB { get; set; } = 100;

    public long DustRelaySatPerKvB { get; set; } = 3000;

    public long MempoolMinSatPerKvB { get; set; } = 100;

    /// <summary>Every transaction broadcast, in order.</summary>
    public List<Transaction> Broadcast { get; } = [];

    /// <summary>When set, broadcasts fail with this reason.</summary>
    public string? RejectBroadcast { get; set; }

    public IReadOnlyDictionary<uint256, Transaction> Mempool => _mempool;

    public int Height
    {
        get { lock (_lock) return _blocks.Count - 1; }
    }

    public uint256 TipHash
    {
        get { lock (_lock) return _blocks[^1].GetHash(); }
    }

    /// <summary>Mines a block with the mempool and <paramref name="extra"/> transactions (a coinbase to an unspendable script first).</summary>
    public Block Mine(params Transaction[] extra)
    {
        Block block;
        BlockInfo info;
        List<IChainNotifications> clients;
        lock (_lock)
        {
            block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
            block.Header.HashPrevBlock = _blocks[^1].GetHash();
            _time += 1;
            block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(_time);
            var coinbase = Network.RegTest.CreateTransaction();
            coinbase.Inputs.Add(new TxIn(new OutPoint(), new Script(Op.GetPushOp(_blocks.Count), OpcodeType.OP_0)));
            coinbase.Outputs.Add(new TxOut(Money.Coins(50), new Script(OpcodeType.OP_TRUE)));
            block.Transactions.Add(coinbase);
            block.Transactions.AddRange(_mempool.Values);
            block.Transactions.AddRange(extra);
            _mempool.Clear();
            block.UpdateMerkleRoot();
            AddBlock(block);
            info = new BlockInfo(block.GetHash()) { PrevHash = block.Header.HashPrevBlock, Height = _blocks.Count - 1, Data = block, ChainTimeMax = (uint)_time };
            clients = [.. _clients];
        }
        foreach (var client in clients)
        {
            client.BlockConnected(ChainstateRole.Normal, info);
            client.UpdatedBlockTip();
        }
        return block;
    }

    /// <summary>A transaction paying <paramref name="amount"/> to <paramref name="script"/> from outside (an unknown input).</summary>
    public static Transaction Payment(Script script, Money amount, int outputs = 1)
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(RandomUtils.GetUInt256(), 0)));
        for (int i = 0; i < outputs; i++) tx.Outputs.Add(new TxOut(amount, script));
        return tx;
    }

    private void AddBlock(Block block)
    {
        int height = _blocks.Count;
        _blocks.Add(block);
        _heights[block.GetHash()] = height;
        foreach (var tx in block.Transactions)
        {
            foreach (var input in tx.Inputs) _utxos.Remove(input.PrevOut);
            for (int i = 0; i < tx.Outputs.Count; i++)
                _utxos[new OutPoint(tx.GetHash(), i)] = new ChainCoin(tx.Outputs[i], height, tx.IsCoinBase);
        }
    }

    public int? GetHeight()
    {
        lock (_lock) return _blocks.Count - 1;
    }

    public uint256 GetBlockHash(int height)
    {
        lock (_lock)
        {
            if (height < 0 || height >= _blocks.Count) throw new ArgumentOutOfRangeException(nameof(height));
            return _blocks[height].GetHash();
        }
    }

    public bool HaveBlockOnDisk(int height)
    {
        lock (_lock) return height >= 0 && height < _blocks.Count;
    }

    public int? FindLocatorFork(BlockLocator locator)
    {
        lock (_lock)
        {
            foreach (var hash in locator.Blocks)
            {
                if (_heights.TryGetValue(hash, out int h)) return h;
            }
            return null;
        }
    }

    public bool HasBlockFilterIndex(BlockFilterType filterType) => false;

    public bool? BlockFilterMatchesAny(BlockFilterType filterType, uint256 blockHash, IReadOnlyList<byte[]> filterSet) => null;

    public bool FindBlock(uint256 hash, FoundBlockRequest request, out FoundBlockResult block)
    {
        lock (_lock)
        {
            if (!_heights.TryGetValue(hash, out int height))
            {
                block = FoundBlockResult.NotFound;
                return false;
            }
            block = Describe(height, request);
            return true;
        }
    }

    public bool FindFirstBlockWithTimeAndHeight(long minTime, int minHeight, FoundBlockRequest request, out FoundBlockResult block)
    {
        lock (_lock)
        {
            for (int h = Math.Max(0, minHeight); h < _blocks.Count; h++)
            {
                if (_blocks[h].Header.BlockTime.ToUnixTimeSeconds() >= minTime)
                {
                    block = Describe(h, request);
                    return true;
                }
            }
            block = FoundBlockResult.NotFound;
            return false;
        }
    }

    public bool FindAncestorByHeight(uint256 blockHash, int ancestorHeight, FoundBlockRequest request, out FoundBlockResult ancestor)
    {
        lock (_lock)
        {
            if (!_heights.TryGetValue(blockHash, out int h) || ancestorHeight < 0 || ancestorHeight > h)
            {
                ancestor = FoundBlockResult.NotFound;
                return false;
            }
            ancestor = Describe(ancestorHeight, request);
            return true;
        }
    }

    public bool FindAncestorByHash(uint256 blockHash, uint256 ancestorHash, FoundBlockRequest request, out FoundBlockResult ancestor)
    {
        lock (_lock)
        {
            if (!_heights.TryGetValue(blockHash, out int h) || !_heights.TryGetValue(ancestorHash, out int a) || a > h)
            {
                ancestor = FoundBlockResult.NotFound;
                return false;
            }
            ancestor = Describe(a, request);
            return true;
        }
    }

    public bool FindCommonAncestor(uint256 blockHash1, uint256 blockHash2, FoundBlockRequest ancestorRequest, FoundBlockRequest block1Request,
        FoundBlockRequest block2Request, out FoundBlockResult ancestor, out FoundBlockResult block1, out FoundBlockResult block2)
    {
        lock (_lock)
        {
            bool found1 = _heights.TryGetValue(blockHash1, out int h1);
            bool found2 = _heights.TryGetValue(blockHash2, out int h2);
            block1 = found1 ? Describe(h1, block1Request) : FoundBlockResult.NotFound;
            block2 = found2 ? Describe(h2, block2Request) : FoundBlockResult.NotFound;
            ancestor = found1 && found2 ? Describe(Math.Min(h1, h2), ancestorRequest) : FoundBlockResult.NotFound;
            return found1 && found2;
        }
    }

    private FoundBlockResult Describe(int height, FoundBlockRequest request)
    {
        var block = _blocks[height];
        return new FoundBlockResult
        {
            Found = true,
            Hash = block.GetHash(),
            Height = height,
            Time = block.Header.BlockTime.ToUnixTimeSeconds(),
            MaxTime = block.Header.BlockTime.ToUnixTimeSeconds(),
            MtpTime = block.Header.BlockTime.ToUnixTimeSeconds(),
            InActiveChain = true,
            Locator = request.WantLocator ? new BlockLocator { Blocks = [block.GetHash()] } : null,
            Data = request.WantData ? block : null,
            NextBlock = request.NextBlock is { } next && height + 1 < _blocks.Count ? Describe(height + 1, next) : null,
        };
    }

    public IReadOnlyDictionary<OutPoint, ChainCoin> FindCoins(IReadOnlyList<OutPoint> outpoints)
    {
        lock (_lock)
        {
            var result = new Dictionary<OutPoint, ChainCoin>();
            foreach (var outpoint in outpoints)
            {
                if (_mempool.TryGetValue(outpoint.Hash, out var tx) && outpoint.N < tx.Outputs.Count)
                    result[outpoint] = new ChainCoin(tx.Outputs[(int)outpoint.N], ChainCoin.MempoolHeight, false);
                else if (_utxos.TryGetValue(outpoint, out var coin) && !_mempool.Values.Any(m => m.Inputs.Any(i => i.PrevOut == outpoint)))
                    result[outpoint] = coin;
            }
            return result;
        }
    }

    public double GuessVerificationProgress(uint256 blockHash) => 1.0;

    public bool HasBlocks(uint256 blockHash, int minHeight, int? maxHeight) => true;

    public RbfTransactionState IsRbfOptIn(Transaction tx) =>
        tx.Inputs.Any(i => i.Sequence.Value < 0xfffffffe) ? RbfTransactionState.ReplaceableBip125 : RbfTransactionState.Final;

    public bool IsInMempool(uint256 txid)
    {
        lock (_lock) return _mempool.ContainsKey(txid);
    }

    public bool HasDescendantsInMempool(uint256 txid)
    {
        lock (_lock) return _mempool.Values.Any(tx => tx.Inputs.Any(i => i.PrevOut.Hash == txid));
    }

    public bool BroadcastTransaction(Transaction tx, Money maxTxFee, TxBroadcastMethod method, out string error)
    {
        List<IChainNotifications> clients;
        lock (_lock)
        {
            if (RejectBroadcast is { } reason)
            {
                error = reason;
                return false;
            }
            error = "";
            Broadcast.Add(tx);
            // A replacement evicts what it conflicts with.
            var conflicts = _mempool.Values.Where(m => m.Inputs.Any(i => tx.Inputs.Any(j => j.PrevOut == i.PrevOut))).ToList();
            foreach (var c in conflicts) _mempool.Remove(c.GetHash());
            _mempool[tx.GetHash()] = tx;
            clients = [.. _clients];
        }
        foreach (var client in clients) client.TransactionAddedToMempool(tx);
        return true;
    }

    public void GetTransactionAncestry(uint256 txid, out long ancestors, out long clusterCount, out long ancestorSize, out Money ancestorFees)
    {
        lock (_lock)
        {
            bool inPool = _mempool.ContainsKey(txid);
            ancestors = inPool ? 1 : 0;
            clusterCount = inPool ? 1 : 0;
            ancestorSize = inPool ? _mempool[txid].GetVirtualSize() : 0;
            ancestorFees = Money.Zero;
        }
    }

    public IReadOnlyDictionary<OutPoint, Money> CalculateIndividualBumpFees(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate) =>
        outpoints.Distinct().ToDictionary(o => o, _ => Money.Zero);

    public Money? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate) => Money.Zero;

    public void GetPackageLimits(out uint ancestorCount, out uint descendantCount)
    {
        ancestorCount = 25;
        descendantCount = 25;
    }

    public BilingualString? CheckChainLimits(Transaction tx) => null;

    public FeeRateEstimate GetFeeRateEstimate(int numBlocks, bool conservative) =>
        EstimateSatPerKvB is long rate
            ? new FeeRateEstimate(default, Money.Satoshis(rate), 1000, numBlocks, null)
            : new FeeRateEstimate(default, Money.Zero, 0, 0, "Insufficient data or no feerate found");

    public uint MaximumFeeEstimationTargetBlocks() => 1008;

    public FeeRate MempoolMinFee() => new(Money.Satoshis(MempoolMinSatPerKvB));

    public FeeRate RelayMinFee() => new(Money.Satoshis(MinRelaySatPerKvB));

    public FeeRate RelayIncrementalFee() => new(Money.Satoshis(IncrementalSatPerKvB));

    public FeeRate RelayDustFee() => new(Money.Satoshis(DustRelaySatPerKvB));

    public bool HavePruned() => false;

    public int? GetPruneHeight() => null;

    public bool IsReadyToBroadcast() => true;

    public bool IsInitialBlockDownload() => false;

    public bool ShutdownRequested() => false;

    public void InitMessage(string message)
    {
    }

    public void InitWarning(BilingualString message)
    {
    }

    public void InitError(BilingualString message)
    {
    }

    public void ShowProgress(string title, int progress, bool resumePossible)
    {
    }

    public IHandler HandleNotifications(IChainNotifications notifications)
    {
        lock (_lock) _clients.Add(notifications);
        return new Handler(() =>
        {
            lock (_lock) _clients.Remove(notifications);
        });
    }

    public void WaitForNotificationsIfTipChanged(uint256 oldTip)
    {
    }

    public void WaitForNotifications()
    {
    }

    public IHandler HandleRpc(RpcCommandInfo command) => new Handler(() => { });

    public bool RpcEnableDeprecated(string method) => false;

    public SettingsValue GetSetting(string name) => SettingsValue.Null;

    public IReadOnlyList<SettingsValue> GetSettingsList(string name) => [];

    public SettingsValue GetRwSetting(string name) => SettingsValue.Null;

    public bool UpdateRwSetting(string name, ISettingsUpdateCallback update) => true;

    public bool OverwriteRwSetting(string name, SettingsValue value, SettingsAction action) => true;

    public bool DeleteRwSettings(string name, SettingsAction action) => true;

    public void RequestMempoolTransactions(IChainNotifications notifications)
    {
        List<Transaction> txs;
        lock (_lock) txs = [.. _mempool.Values];
        foreach (var tx in txs) notifications.TransactionAddedToMempool(tx);
    }

    public bool HasAssumedValidChain() => false;

    private sealed class Handler(Action onDisconnect) : IHandler
    {
        private int _done;

        public void Disconnect()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) onDisconnect();
        }

        public void Dispose() => Disconnect();
    }
}
