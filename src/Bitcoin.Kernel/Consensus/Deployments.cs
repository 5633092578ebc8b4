using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// Soft-fork deployment status: buried heights (static helpers) and the BIP9 version-bits state machine with
/// per-deployment caches (Core's VersionBitsCache and deploymentstatus.h). One instance per chainstate manager;
/// thread-safe. Cache entries are keyed by block index entries, so a cache must not outlive its block tree
/// (call <see cref="Clear"/> when the tree is rebuilt).
/// </summary>
public sealed class Deployments
{
    /// <summary>Version of blocks before version bits.</summary>
    public const int LastOldBlockVersion = 4;

    /// <summary>Top bits of a version-bits block version.</summary>
    public const int TopBits = 0x20000000;

    /// <summary>Mask selecting the top bits.</summary>
    public const uint TopMask = 0xE0000000;

    /// <summary>Bits watched for unknown activations (BIP323 leaves only these for signalling).</summary>
    public const int NumBits = 5;

    private readonly Lock _lock = new();
    private readonly ConsensusParams _consensus;
    private readonly bool _isTestChain;
    private readonly Dictionary<BlockIndexKey, ThresholdState>[] _caches;
    private readonly Dictionary<BlockIndexKey, ThresholdState>[] _warningCaches;

    /// <summary>Creates the caches for a chain.</summary>
    public Deployments(ChainParams chainParams)
    {
        ArgumentNullException.ThrowIfNull(chainParams);
        _consensus = chainParams.Consensus;
        _isTestChain = chainParams.IsTestChain;
        _caches = Enumerable.Range(0, _consensus.Deployments.Count).Select(_ => new Dictionary<BlockIndexKey, ThresholdState>()).ToArray();
        _warningCaches = Enumerable.Range(0, NumBits).Select(_ => new Dictionary<BlockIndexKey, ThresholdState>()).ToArray();
    }

    /// <summary>True when a buried deployment applies to the block after <paramref name="previous"/> (null: the genesis block).</summary>
    public static bool IsActiveAfter(BlockIndex? previous, ConsensusParams consensus, BuriedDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        return (previous == null ? 0 : previous.Height + 1) >= consensus.DeploymentHeight(deployment);
    }

    /// <summary>True when a buried deployment applies to <paramref name="block"/>.</summary>
    public static bool IsActiveAt(BlockIndex block, ConsensusParams consensus, BuriedDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(consensus);
        return block.Height >= consensus.DeploymentHeight(deployment);
    }

    /// <summary>True when a buried deployment can ever be active.</summary>
    public static bool IsEnabled(ConsensusParams consensus, BuriedDeployment deployment) =>
        consensus.DeploymentHeight(deployment) != int.MaxValue;

    /// <summary>True when a BIP9 deployment is not marked never-active.</summary>
    public bool IsEnabled(DeploymentPos deployment) => _consensus.GetDeployment(deployment).StartTime != Bip9Deployment.NeverActive;

    /// <summary>True when a BIP9 deployment is active for the block after <paramref name="previous"/>.</summary>
    public bool IsActive(BlockIndex? previous, DeploymentPos deployment) => GetStateFor(previous, deployment) == ThresholdState.Active;

    /// <summary>True when a BIP9 deployment is active for <paramref name="block"/>.</summary>
    public bool IsActiveAt(BlockIndex block, DeploymentPos deployment)
    {
        ArgumentNullException.ThrowIfNull(block);
        return IsActive(block.Previous, deployment);
    }

    /// <summary>Core's names of states.</summary>
    public static string StateName(ThresholdState state) => state switch
    {
        ThresholdState.Defined => "defined",
        ThresholdState.Started => "started",
        ThresholdState.LockedIn => "locked_in",
        ThresholdState.Active => "active",
        ThresholdState.Failed => "failed",
        _ => "invalid",
    };

    /// <summary>The state of a deployment for the block after <paramref name="previous"/>.</summary>
    public ThresholdState GetStateFor(BlockIndex? previous, DeploymentPos deployment)
    {
        lock (_lock)
        {
            return new VersionBitsChecker(_consensus.GetDeployment(deployment)).GetStateFor(previous, _caches[(int)deployment]);
        }
    }

    /// <summary>The height at which the current state of the block after <paramref name="previous"/> began.</summary>
    public int GetStateSinceHeightFor(BlockIndex? previous, DeploymentPos deployment)
    {
        lock (_lock)
        {
            return new VersionBitsChecker(_consensus.GetDeployment(deployment)).GetStateSinceHeightFor(previous, _caches[(int)deployment]);
        }
    }

    /// <summary>Signalling statistics for the period containing <paramref name="block"/>; fills <paramref name="signallingBlocks"/> when given.</summary>
    public Bip9Stats GetStateStatisticsFor(BlockIndex? block, DeploymentPos deployment, List<bool>? signallingBlocks = null) =>
        new VersionBitsChecker(_consensus.GetDeployment(deployment)).GetStateStatisticsFor(block, signallingBlocks);

    /// <summary>Everything getdeploymentinfo shows about a BIP9 deployment at <paramref name="block"/>.</summary>
    public Bip9Info Info(BlockIndex block, DeploymentPos deployment)
    {
        ArgumentNullException.ThrowIfNull(block);
        var checker = new VersionBitsChecker(_consensus.GetDeployment(deployment));
        ThresholdState current, next;
        int since;
        lock (_lock)
        {
            var cache = _caches[(int)deployment];
            current = checker.GetStateFor(block.Previous, cache);
            next = checker.GetStateFor(block, cache);
            since = checker.GetStateSinceHeightFor(block.Previous, cache);
        }
        Bip9Stats? stats = null;
        var signalling = new List<bool>();
        if (current is ThresholdState.Started or ThresholdState.LockedIn)
        {
            stats = checker.GetStateStatisticsFor(block, signalling);
            if (current == ThresholdState.LockedIn) stats = stats with { Threshold = 0, Possible = false };
        }
        int? activeSince = current == ThresholdState.Active ? since : next == ThresholdState.Active ? block.Height + 1 : null;
        return new Bip9Info(since, StateName(current), StateName(next), stats, signalling, activeSince);
    }

    /// <summary>The deployments getblocktemplate lists for the block after <paramref name="block"/>.</summary>
    public Bip9GbtStatus GbtStatus(BlockIndex block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var signalling = new Dictionary<string, Bip9GbtStatus.Info>();
        var lockedIn = new Dictionary<string, Bip9GbtStatus.Info>();
        var active = new Dictionary<string, Bip9GbtStatus.Info>();
        foreach (var position in DeploymentInfo.Bip9Deployments)
        {
            var parameters = _consensus.GetDeployment(position);
            var info = new Bip9GbtStatus.Info(parameters.Bit, 1u << parameters.Bit, DeploymentInfo.GbtOptionalRule(position));
            var target = GetStateFor(block, position) switch
            {
                ThresholdState.Started => signalling,
                ThresholdState.LockedIn => lockedIn,
                ThresholdState.Active => active,
                _ => null,
            };
            target?.TryAdd(DeploymentInfo.Name(position), info);
        }
        return new Bip9GbtStatus(signalling, lockedIn, active);
    }

    /// <summary>The version a new block after <paramref name="previous"/> should have: top bits plus started/locked-in bits.</summary>
    public int ComputeBlockVersion(BlockIndex? previous)
    {
        lock (_lock)
        {
            return ComputeBlockVersionLocked(previous);
        }
    }

    /// <summary>
    /// Unknown version bits (0..4) that reached lock-in or activation at <paramref name="block"/> without this software
    /// knowing them: (bit, true if active) pairs, for the node's warning.
    /// </summary>
    public IReadOnlyList<(int Bit, bool Active)> CheckUnknownActivations(BlockIndex? block)
    {
        var result = new List<(int, bool)>();
        lock (_lock)
        {
            for (int bit = 0; bit < NumBits; bit++)
            {
                var checker = new WarningBitsChecker(this, bit);
                var state = checker.GetStateFor(block, _warningCaches[bit]);
                if (state is ThresholdState.Active or ThresholdState.LockedIn) result.Add((bit, state == ThresholdState.Active));
            }
        }
        return result;
    }

    /// <summary>Forgets cached states (after the block tree is rebuilt or a test changes parameters).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var cache in _caches) cache.Clear();
            foreach (var cache in _warningCaches) cache.Clear();
        }
    }

    private int ComputeBlockVersionLocked(BlockIndex? previous)
    {
        int version = TopBits;
        for (int i = 0; i < _consensus.Deployments.Count; i++)
        {
            var checker = new VersionBitsChecker(_consensus.Deployments[i]);
            var state = checker.GetStateFor(previous, _caches[i]);
            if (state is ThresholdState.LockedIn or ThresholdState.Started) version |= unchecked((int)checker.Mask);
        }
        return version;
    }

    // Watches an unknown bit: signalled by blocks that the known deployments would not have set it for.
    private sealed class WarningBitsChecker(Deployments owner, int bit) : ThresholdConditionChecker
    {
        protected override long BeginTime => 0;

        protected override long EndTime => long.MaxValue;

        protected override int Period => owner._isTestChain ? (int)owner._consensus.DifficultyAdjustmentInterval : 2016;

        protected override int Threshold => owner._isTestChain ? Period * 3 / 4 : 1815;

        protected override int MinActivationHeight => 0;

        protected override bool Condition(BlockIndex block) =>
            block.Height >= owner._consensus.MinBip9WarningHeight &&
            ((uint)block.Version & TopMask) == TopBits &&
            ((block.Version >> bit) & 1) != 0 &&
            ((owner.ComputeBlockVersionLocked(block.Previous) >> bit) & 1) == 0;
    }
}
