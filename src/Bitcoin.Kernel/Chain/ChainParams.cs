using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

/// <summary>
/// Everything that distinguishes one chain from another, as Core's CChainParams: consensus parameters, the genesis
/// block, P2P magic and port, seeds, address prefixes (through <see cref="Network"/>) and the hard-coded assumeutxo
/// and statistics data. Create with <see cref="Create"/>.
/// </summary>
public sealed partial class ChainParams
{
    private readonly Block _genesis;

    private ChainParams(ChainType type, Network network, Block genesis, ConsensusParams consensus, byte[] messageStart)
    {
        Type = type;
        Network = network;
        _genesis = genesis;
        Consensus = consensus;
        MessageStart = messageStart;
    }

    /// <summary>Which chain this is.</summary>
    public ChainType Type { get; }

    /// <summary>Core's name for the chain: "main", "test", "testnet4", "signet" or "regtest".</summary>
    public string ChainTypeString => ChainTypeName(Type);

    /// <summary>NBitcoin's network (address prefixes, serialization).</summary>
    public Network Network { get; }

    /// <summary>A copy of the genesis block.</summary>
    public Block GenesisBlock => _genesis.Clone();

    /// <summary>The consensus parameters.</summary>
    public ConsensusParams Consensus { get; }

    /// <summary>The four bytes that start every P2P message and every record in the block files.</summary>
    public ReadOnlyMemory<byte> MessageStart { get; }

    /// <summary>Default P2P port.</summary>
    public int DefaultPort { get; private init; }

    /// <summary>By default, assume scripts of this block's ancestors are valid (zero: check all).</summary>
    public uint256 DefaultAssumeValid => Consensus.DefaultAssumeValid;

    /// <summary>The best chain must have at least this much work.</summary>
    public ArithUInt256 MinimumChainWork => Consensus.MinimumChainWork;

    /// <summary>Blocks below this height are never pruned.</summary>
    public ulong PruneAfterHeight { get; private init; }

    /// <summary>Approximate disk space (GB) the blocks need.</summary>
    public ulong AssumedBlockchainSize { get; private init; }

    /// <summary>Approximate disk space (GB) the chainstate needs.</summary>
    public ulong AssumedChainStateSize { get; private init; }

    /// <summary>Host names to query for peers.</summary>
    public IReadOnlyList<string> DnsSeeds { get; private init; } = [];

    /// <summary>Human-readable part of bech32 addresses ("bc", "tb", "bcrt").</summary>
    public string Bech32Hrp { get; private init; } = string.Empty;

    /// <summary>Default for -checkmempool and -checkblockindex.</summary>
    public bool DefaultConsistencyChecks { get; private init; }

    /// <summary>True on every chain but main.</summary>
    public bool IsTestChain => Type != ChainType.Main;

    /// <summary>True when the node may use a mocked clock (-mocktime): regtest only.</summary>
    public bool IsMockableChain { get; private init; }

    /// <summary>True when blocks can be mined on demand because difficulty never changes (regtest).</summary>
    public bool MineBlocksOnDemand => Consensus.PowNoRetargeting;

    /// <summary>UTXO snapshots this software accepts.</summary>
    public IReadOnlyList<AssumeutxoData> Assumeutxo { get; private init; } = [];

    /// <summary>Transaction statistics for progress estimates.</summary>
    public ChainTxData TxData { get; private init; } = new(0, 0, 0);

    /// <summary>Headers pre-synchronisation parameters.</summary>
    public HeadersSyncParams HeadersSync { get; private init; } = new(0, 0);

    /// <summary>
    /// Checkpoints (height to hash). Core no longer ships any; kept empty so callers need not special-case it.
    /// </summary>
    public IReadOnlyDictionary<int, uint256> Checkpoints { get; } = new Dictionary<int, uint256>();

    /// <summary>The snapshot based at <paramref name="height"/>, or null.</summary>
    public AssumeutxoData? AssumeutxoForHeight(int height) => Assumeutxo.FirstOrDefault(d => d.Height == height);

    /// <summary>The snapshot based at <paramref name="blockHash"/>, or null.</summary>
    public AssumeutxoData? AssumeutxoForBlockHash(uint256 blockHash) => Assumeutxo.FirstOrDefault(d => d.BlockHash == blockHash);

    /// <summary>Heights of the accepted snapshots.</summary>
    public IReadOnlyList<int> AvailableSnapshotHeights => Assumeutxo.Select(d => d.Height).ToArray();

    /// <summary>Core's name of a chain type.</summary>
    public static string ChainTypeName(ChainType type) => type switch
    {
        ChainType.Main => "main",
        ChainType.Testnet => "test",
        ChainType.Testnet4 => "testnet4",
        ChainType.Signet => "signet",
        ChainType.Regtest => "regtest",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Which default chain uses these four magic bytes, or null (Core's GetNetworkForMagic).</summary>
    public static ChainType? GetNetworkForMagic(ReadOnlySpan<byte> messageStart)
    {
        foreach (var (type, magic) in DefaultMagics.Value)
        {
            if (messageStart.SequenceEqual(magic)) return type;
        }
        return null;
    }

    /// <summary>Builds the parameters of <paramref name="type"/>, with <paramref name="options"/> applied.</summary>
    public static ChainParams Create(ChainType type, ChainParamsOptions? options = null)
    {
        options ??= new ChainParamsOptions();
        return type switch
        {
            ChainType.Main => CreateMain(options),
            ChainType.Testnet => CreateTestnet(options),
            ChainType.Testnet4 => CreateTestnet4(options),
            ChainType.Signet => CreateSignet(options),
            ChainType.Regtest => CreateRegtest(options),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private static readonly Lazy<(ChainType Type, byte[] Magic)[]> DefaultMagics = new(() =>
        [.. new[] { ChainType.Main, ChainType.Testnet, ChainType.Testnet4, ChainType.Regtest, ChainType.Signet }
            .Select(t => (t, Create(t).MessageStart.ToArray()))]);

    private static ConsensusParams ApplyDeploymentOptions(ConsensusParams consensus, ChainParamsOptions options)
    {
        foreach (var (deployment, height) in options.ActivationHeights)
        {
            consensus = deployment switch
            {
                BuriedDeployment.Segwit => consensus with { SegwitHeight = height },
                BuriedDeployment.HeightInCoinbase => consensus with { Bip34Height = height },
                BuriedDeployment.DerSig => consensus with { Bip66Height = height },
                BuriedDeployment.CheckLockTimeVerify => consensus with { Bip65Height = height },
                BuriedDeployment.Csv => consensus with { CsvHeight = height },
                _ => throw new ArgumentOutOfRangeException(nameof(options)),
            };
        }
        if (options.VersionBitsParameters.Count > 0)
        {
            var deployments = consensus.Deployments.ToArray();
            foreach (var (position, parameters) in options.VersionBitsParameters)
            {
                deployments[(int)position] = deployments[(int)position] with
                {
                    StartTime = parameters.StartTime,
                    Timeout = parameters.Timeout,
                    MinActivationHeight = parameters.MinActivationHeight,
                };
            }
            consensus = consensus with { Deployments = deployments };
        }
        return consensus;
    }

    private static Bip9Deployment TestDummy(int threshold, int period, long startTime = Bip9Deployment.NeverActive) => new()
    {
        Bit = 28,
        StartTime = startTime,
        Timeout = Bip9Deployment.NoTimeout,
        MinActivationHeight = 0,
        Threshold = threshold,
        Period = period,
    };

    private static void CheckGenesis(Block genesis, string expectedHash, string expectedMerkleRoot)
    {
        // Core asserts these; a mismatch means the parameters above are wrong, never a user error.
        if (genesis.GetHash() != uint256.Parse(expectedHash) || genesis.Header.HashMerkleRoot != uint256.Parse(expectedMerkleRoot))
        {
            throw new InvalidOperationException($"Genesis block hash {genesis.GetHash()} differs from {expectedHash}.");
        }
    }
}
