using System.Text.Json.Nodes;
using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using Bitcoin.Node.Mining;
using Bitcoin.Node.Rpc;

namespace Bitcoin.Node.Tests.Rpc.Support;

/// <summary>
/// A regtest node in a temporary data directory: a real ChainstateManager, the node's kernel notifications and
/// validation signals, and the node RPC commands in a command table, called in-process. Disposing deletes everything.
/// </summary>
public sealed class RegtestNode : IDisposable
{
    /// <summary>Core's functional tests' deterministic key of node 0.</summary>
    public const string Node0Address = "mjTkW3DjgyZck4KbiRusZsqTgaYTxdSz6z";

    private readonly string _dataDir;

    public RegtestNode(long? mockTime = null, BlockCreateOptions? miningOptions = null, ChainParamsOptions? chainOptions = null,
        string[]? arguments = null, IBlockTransactionSource? transactionSource = null, bool txIndex = false)
    {
        _dataDir = Path.Combine(Path.GetTempPath(), "node-rpc-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDir);
        ChainParams = ChainParams.Create(ChainType.Regtest, chainOptions);
        Clock = new TestClock(mockTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var args = new ArgsManager();
        Bitcoin.Node.Init.NodeArgs.Register(args);
        Assert.True(args.ParseParameters(arguments ?? [], out var error), error);
        Node = new NodeContext(args) { ChainParams = ChainParams };
        Node.ValidationSignals = new ValidationSignals();
        Node.Notifications = new KernelNotifications(Node);
        Chainman = ChainstateManager.Load(new ChainstateManagerOptions
        {
            ChainParams = ChainParams,
            DataDir = _dataDir,
            DbCacheBytes = 8L * 1024 * 1024,
            Clock = Clock,
            Notifications = Node.Notifications,
            Signals = Node.ValidationSignals,
            ScriptCheckThreads = 1,
        });
        Assert.True(Chainman.ImportBlocks());

        Context = new NodeRpcContext(Node);
        Context.AttachChainstate(Chainman, miningOptions ?? new BlockCreateOptions(), transactionSource);
        if (txIndex)
        {
            TxIndex = Kernel.Index.TxIndex.Open(Chainman, Node.ValidationSignals, 1L << 20);
            TxIndex.StartBackgroundSync();
            Context.TxIndex = TxIndex;
        }
        // Like Core's functional tests (-rpcdoccheck): every result must match its documentation.
        RpcMethod.CheckResultsAgainstDocs = true;
        Table = new RpcCommandTable();
        NodeRpcCommands.Register(Table, Context);
        Table.SetWarmupFinished();
    }

    public ChainParams ChainParams { get; }

    public TestClock Clock { get; }

    public NodeContext Node { get; }

    public ChainstateManager Chainman { get; }

    /// <summary>The transaction index, when asked for.</summary>
    public Kernel.Index.TxIndex? TxIndex { get; }

    public NodeRpcContext Context { get; }

    public RpcCommandTable Table { get; }

    public Miner Miner => Context.Miner!;

    /// <summary>Calls a command with positional parameters (JSON values; strings and numbers convert implicitly).</summary>
    public async Task<JsonNode?> CallAsync(string method, params JsonNode?[] parameters)
    {
        var request = new RpcRequest { Method = method, Params = new JsonArray(parameters.Select(p => p?.DeepClone()).ToArray()) };
        return await Table.ExecuteAsync(request);
    }

    /// <summary>Calls a command with named parameters.</summary>
    public async Task<JsonNode?> CallNamedAsync(string method, JsonObject parameters)
    {
        var request = new RpcRequest { Method = method, Params = parameters };
        return await Table.ExecuteAsync(request);
    }

    /// <summary>Calls a command that must fail, and returns the error.</summary>
    public async Task<RpcException> CallErrorAsync(string method, params JsonNode?[] parameters) =>
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(method, parameters));

    /// <summary>Mines <paramref name="count"/> blocks to <see cref="Node0Address"/> and returns their hashes.</summary>
    public async Task<List<string>> GenerateAsync(int count, string address = Node0Address)
    {
        var hashes = (await CallAsync("generatetoaddress", count, address))!.GetArr();
        return hashes.Select(h => h.GetStr()).ToList();
    }

    public void Dispose()
    {
        Context.DetachChainstate();
        TxIndex?.Dispose();
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
}
