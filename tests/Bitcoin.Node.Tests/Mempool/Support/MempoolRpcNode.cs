using System.Text.Json.Nodes;
using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using Bitcoin.Node.Mempool;
using Bitcoin.Node.Mining;
using Bitcoin.Node.Rpc;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Mempool.Support;

/// <summary>
/// A regtest node with a mempool, fee estimation, the node's and the mempool's RPC commands called in-process, and a
/// key the blocks pay to, so tests can build and sign spends of mature coinbases. Disposing deletes everything.
/// </summary>
public sealed class MempoolRpcNode : IDisposable
{
    private readonly string _dataDir;
    private readonly Queue<(OutPoint OutPoint, TxOut Output)> _coins = new();

    public MempoolRpcNode(string[]? arguments = null, int blocks = 110)
    {
        _dataDir = Path.Combine(Path.GetTempPath(), "mempool-rpc-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDir);
        ChainParams = ChainParams.Create(ChainType.Regtest);
        Clock = new TestClock(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var args = new ArgsManager();
        Bitcoin.Node.Init.NodeArgs.Register(args);
        Assert.True(args.ParseParameters(["-datadir=" + _dataDir, "-regtest", .. arguments ?? []], out var error), error);
        args.SelectConfigNetwork("regtest");
        Node = new NodeContext(args) { ChainParams = ChainParams };
        Node.ValidationSignals = new ValidationSignals();
        Node.Notifications = new KernelNotifications(Node);
        var options = Bitcoin.Node.Init.MempoolArgs.Read(args, ChainParams, out var mempoolError) ?? throw new InvalidOperationException(mempoolError);
        Mempool = new TxMemPool(options with { Signals = Node.ValidationSignals, Clock = Clock });
        Node.Mempool = Mempool;
        Chainman = ChainstateManager.Load(new ChainstateManagerOptions
        {
            ChainParams = ChainParams,
            DataDir = args.GetDataDirNet(),
            DbCacheBytes = 8L * 1024 * 1024,
            Clock = Clock,
            Notifications = Node.Notifications,
            Signals = Node.ValidationSignals,
            Mempool = Mempool,
            ScriptCheckThreads = 1,
        });
        Assert.True(Chainman.ImportBlocks());
        Node.Chainman = Chainman;
        Mempool.AttachChainstate(Chainman);
        Mempool.LoadTried = true;

        Context = new NodeRpcContext(Node) { Mempool = new MempoolView(Mempool) };
        Context.AttachChainstate(Chainman, new BlockCreateOptions(), new MempoolBlockSource(Mempool));
        Assert.Null(MempoolStartup.StartFeeEstimation(Node));
        RpcMethod.CheckResultsAgainstDocs = true;
        Table = new RpcCommandTable();
        NodeRpcCommands.Register(Table, Context);
        MempoolRpc.Register(Table, Node);
        Table.SetWarmupFinished();

        Address = Key.PubKey.GetAddress(ScriptPubKeyType.Segwit, Network.RegTest).ToString();
        if (blocks > 0) Generate(blocks);
    }

    public ChainParams ChainParams { get; }

    public TestClock Clock { get; }

    public NodeContext Node { get; }

    public ChainstateManager Chainman { get; }

    public TxMemPool Mempool { get; }

    public NodeRpcContext Context { get; }

    public RpcCommandTable Table { get; }

    /// <summary>The key every mined block pays to.</summary>
    public Key Key { get; } = new();

    public string Address { get; }

    public async Task<JsonNode?> CallAsync(string method, params JsonNode?[] parameters)
    {
        var request = new RpcRequest { Method = method, Params = new JsonArray(parameters.Select(p => p?.DeepClone()).ToArray()) };
        return await Table.ExecuteAsync(request);
    }

    public async Task<JsonNode?> CallNamedAsync(string method, JsonObject parameters) =>
        await Table.ExecuteAsync(new RpcRequest { Method = method, Params = parameters });

    public async Task<RpcException> CallErrorAsync(string method, params JsonNode?[] parameters) =>
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(method, parameters));

    /// <summary>Mines blocks (taking mempool transactions) to <see cref="Address"/>; remembers their coinbases.</summary>
    public List<uint256> Generate(int count)
    {
        var hashes = CallAsync("generatetoaddress", count, Address).GetAwaiter().GetResult()!.GetArr().Select(h => uint256.Parse(h.GetStr())).ToList();
        foreach (var hash in hashes)
        {
            var block = Chainman.ReadBlock(Chainman.LookupBlockIndex(hash)!)!;
            _coins.Enqueue((new OutPoint(block.Transactions[0], 0), block.Transactions[0].Outputs[0]));
        }
        Node.ValidationSignals!.SyncWithValidationInterfaceQueue();
        return hashes;
    }

    /// <summary>The oldest unspent coinbase output (mature once 100 blocks were mined on top).</summary>
    public (OutPoint OutPoint, TxOut Output) TakeCoin() => _coins.Dequeue();

    /// <summary>A signed P2WPKH spend of coins owned by <see cref="Key"/> paying back to it, with <paramref name="fee"/>.</summary>
    public Transaction Spend(IReadOnlyList<(OutPoint OutPoint, TxOut Output)> inputs, long fee, int outputs = 1, uint version = 2, IReadOnlyList<TxOut>? extra = null)
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Version = version;
        foreach (var input in inputs) tx.Inputs.Add(new TxIn(input.OutPoint) { Sequence = Sequence.Final });
        long total = inputs.Sum(i => i.Output.Value.Satoshi) - fee - (extra?.Sum(o => o.Value.Satoshi) ?? 0);
        for (int i = 0; i < outputs; i++)
        {
            long amount = i == outputs - 1 ? total - (total / outputs * (outputs - 1)) : total / outputs;
            tx.Outputs.Add(new TxOut(Money.Satoshis(amount), Key.PubKey.WitHash.ScriptPubKey));
        }
        foreach (var output in extra ?? []) tx.Outputs.Add(output);
        Sign(tx, inputs.Select(i => i.Output).ToArray());
        return tx;
    }

    /// <summary>Output <paramref name="index"/> of <paramref name="tx"/> as a coin to spend.</summary>
    public static (OutPoint, TxOut) Output(Transaction tx, int index = 0) => (new OutPoint(tx, index), tx.Outputs[index]);

    public static string Hex(Transaction tx) => Convert.ToHexStringLower(tx.ToBytes());

    public void Dispose()
    {
        if (Node.FeeEstimator is { } estimator) Node.ValidationSignals!.Unregister(estimator);
        Context.DetachChainstate();
        Chainman.Dispose();
        Node.ValidationSignals!.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }

    private void Sign(Transaction tx, TxOut[] spent)
    {
        var precomputed = tx.PrecomputeTransactionData(spent);
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var hash = tx.GetSignatureHash(Key.PubKey.Hash.ScriptPubKey, i, SigHash.All, spent[i], HashVersion.WitnessV0, precomputed);
            var signature = Key.Sign(hash, new SigningOptions(SigHash.All));
            tx.Inputs[i].WitScript = new WitScript([signature.ToBytes(), Key.PubKey.ToBytes()], true);
        }
    }
}
