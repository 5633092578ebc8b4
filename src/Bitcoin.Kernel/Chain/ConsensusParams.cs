using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

/// <summary>
/// Parameters that influence chain consensus, as Core's Consensus::Params. Immutable once built by
/// <see cref="ChainParams.Create"/>; tests may derive variants with <c>with</c>.
/// </summary>
public sealed record ConsensusParams
{
    /// <summary>Hash of the genesis block.</summary>
    public required uint256 HashGenesisBlock { get; init; }

    /// <summary>Blocks between subsidy halvings (210000; 150 on regtest).</summary>
    public required int SubsidyHalvingInterval { get; init; }

    /// <summary>
    /// Blocks that are known valid, buried, and fail the default script flags: the flags to use for them instead
    /// (the BIP16 and taproot exceptions).
    /// </summary>
    public IReadOnlyDictionary<uint256, ScriptVerifyFlags> ScriptFlagExceptions { get; init; } =
        new Dictionary<uint256, ScriptVerifyFlags>();

    /// <summary>Height at which BIP34 (height in coinbase) becomes active.</summary>
    public required int Bip34Height { get; init; }

    /// <summary>Hash of the block at <see cref="Bip34Height"/> (zero when not pinned).</summary>
    public uint256 Bip34Hash { get; init; } = uint256.Zero;

    /// <summary>Height at which BIP65 (CHECKLOCKTIMEVERIFY) becomes active.</summary>
    public required int Bip65Height { get; init; }

    /// <summary>Height at which BIP66 (strict DER) becomes active.</summary>
    public required int Bip66Height { get; init; }

    /// <summary>Height at which CSV (BIP68, BIP112, BIP113) becomes active.</summary>
    public required int CsvHeight { get; init; }

    /// <summary>Height at which segwit (BIP141/143/147) becomes active; segwit v0 script rules apply from genesis anyway.</summary>
    public required int SegwitHeight { get; init; }

    /// <summary>Do not warn about unknown version-bits activations below this height.</summary>
    public int MinBip9WarningHeight { get; init; }

    /// <summary>The BIP9 deployments, indexed by <see cref="DeploymentPos"/>.</summary>
    public required IReadOnlyList<Bip9Deployment> Deployments { get; init; }

    /// <summary>The easiest allowed target.</summary>
    public required ArithUInt256 PowLimit { get; init; }

    /// <summary>Testnet rule: a block more than twice the target spacing after its predecessor may use the minimum difficulty.</summary>
    public bool PowAllowMinDifficultyBlocks { get; init; }

    /// <summary>Enforce BIP94 (timewarp mitigation; on testnet4 also the block-storm mitigation).</summary>
    public bool EnforceBip94 { get; init; }

    /// <summary>Never retarget (regtest).</summary>
    public bool PowNoRetargeting { get; init; }

    /// <summary>Target seconds between blocks (600).</summary>
    public long PowTargetSpacing { get; init; } = 10 * 60;

    /// <summary>Seconds a retarget period should take (two weeks; one day on regtest).</summary>
    public long PowTargetTimespan { get; init; } = 14 * 24 * 60 * 60;

    /// <summary>Blocks between difficulty adjustments.</summary>
    public long DifficultyAdjustmentInterval => PowTargetTimespan / PowTargetSpacing;

    /// <summary>The best chain should have at least this much work.</summary>
    public ArithUInt256 MinimumChainWork { get; init; }

    /// <summary>By default, assume the scripts in ancestors of this block are valid (zero: verify everything).</summary>
    public uint256 DefaultAssumeValid { get; init; } = uint256.Zero;

    /// <summary>True on signet: blocks carry a solution to <see cref="SignetChallenge"/> in the witness commitment (BIP325).</summary>
    public bool SignetBlocks { get; init; }

    /// <summary>The signet challenge script (empty elsewhere).</summary>
    public ReadOnlyMemory<byte> SignetChallenge { get; init; }

    /// <summary>Blocks a coinbase output must wait before it can be spent (100).</summary>
    public int CoinbaseMaturity => ConsensusConstants.CoinbaseMaturity;

    /// <summary>The largest valid amount, in satoshis.</summary>
    public long MaxMoney => ConsensusConstants.MaxMoney;

    /// <summary>The activation height of a buried deployment.</summary>
    public int DeploymentHeight(BuriedDeployment deployment) => deployment switch
    {
        BuriedDeployment.HeightInCoinbase => Bip34Height,
        BuriedDeployment.CheckLockTimeVerify => Bip65Height,
        BuriedDeployment.DerSig => Bip66Height,
        BuriedDeployment.Csv => CsvHeight,
        BuriedDeployment.Segwit => SegwitHeight,
        _ => throw new ArgumentOutOfRangeException(nameof(deployment)),
    };

    /// <summary>The parameters of a BIP9 deployment.</summary>
    public Bip9Deployment GetDeployment(DeploymentPos position) => Deployments[(int)position];

    /// <summary>
    /// True for the two mainnet blocks that repeat an earlier coinbase (BIP30's historical violations, Core's
    /// IsBIP30Repeat); BIP30 is not enforced for them.
    /// </summary>
    public static bool IsBip30Repeat(BlockIndex blockIndex)
    {
        ArgumentNullException.ThrowIfNull(blockIndex);
        return (blockIndex.Height == 91842 && blockIndex.Hash == Bip30Repeat91842) ||
               (blockIndex.Height == 91880 && blockIndex.Hash == Bip30Repeat91880);
    }

    /// <summary>
    /// True for the two mainnet blocks whose coinbase was later overwritten, so their coinbase outputs are not in the
    /// UTXO set (Core's IsBIP30Unspendable; used when disconnecting and when computing UTXO statistics).
    /// </summary>
    public static bool IsBip30Unspendable(uint256 blockHash, int blockHeight)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        return (blockHeight == 91722 && blockHash == Bip30Unspendable91722) ||
               (blockHeight == 91812 && blockHash == Bip30Unspendable91812);
    }

    /// <summary>
    /// Whether ConnectBlock must check that none of the block's outputs overwrites an unspent one ("bad-txns-BIP30"):
    /// always, except for the two repeat blocks and on the BIP34 chain below
    /// <see cref="ConsensusConstants.Bip34ImpliesBip30Limit"/>. <paramref name="blockIndex"/> must have a predecessor.
    /// </summary>
    public bool MustCheckBip30(BlockIndex blockIndex)
    {
        ArgumentNullException.ThrowIfNull(blockIndex);
        var previous = blockIndex.Previous ??
                       throw new ArgumentException("The genesis block is never checked for BIP30.", nameof(blockIndex));
        bool enforce = !IsBip30Repeat(blockIndex);
        var atBip34Height = previous.GetAncestor(Bip34Height);
        // Past BIP34 on the known chain duplicate coinbases are impossible, which saves the UTXO look-ups.
        enforce = enforce && (atBip34Height == null || atBip34Height.Hash != Bip34Hash);
        return enforce || blockIndex.Height >= ConsensusConstants.Bip34ImpliesBip30Limit;
    }

    private static readonly uint256 Bip30Repeat91842 = uint256.Parse("00000000000a4d0a398161ffc163c503763b1f4360639393e0e4c8e300e0caec");
    private static readonly uint256 Bip30Repeat91880 = uint256.Parse("00000000000743f190a18c5577a3c2d2a1f610ae9601ac046a38084ccb7cd721");
    private static readonly uint256 Bip30Unspendable91722 = uint256.Parse("00000000000271a2dc26e7667f8419f2e15416dc6955e5a6c6cdf3f2574dd08e");
    private static readonly uint256 Bip30Unspendable91812 = uint256.Parse("00000000000af0aed4792b1acee3d966af36cf5def14935db8de83d6f9306f2f");
}
