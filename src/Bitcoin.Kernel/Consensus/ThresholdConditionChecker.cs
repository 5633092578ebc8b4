using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// The BIP9 state machine over periods of blocks (Core's AbstractThresholdConditionChecker). States are computed
/// per period and cached by the last block of the previous period (null for the genesis period).
/// </summary>
internal abstract class ThresholdConditionChecker
{
    protected abstract long BeginTime { get; }

    protected abstract long EndTime { get; }

    protected abstract int Period { get; }

    protected abstract int Threshold { get; }

    protected abstract int MinActivationHeight { get; }

    protected abstract bool Condition(BlockIndex block);

    public ThresholdState GetStateFor(BlockIndex? previous, Dictionary<BlockIndexKey, ThresholdState> cache)
    {
        if (BeginTime == Bip9Deployment.AlwaysActive) return ThresholdState.Active;
        if (BeginTime == Bip9Deployment.NeverActive) return ThresholdState.Failed;
        int period = Period;

        // A block's state is the state of the first block of its period, computed from the last block of the period before.
        if (previous != null) previous = previous.GetAncestor(previous.Height - ((previous.Height + 1) % period));

        // Walk back a period at a time to a block whose state is known.
        var toCompute = new List<BlockIndex>();
        while (!cache.ContainsKey(new BlockIndexKey(previous)))
        {
            if (previous == null)
            {
                cache[new BlockIndexKey(null)] = ThresholdState.Defined;
                break;
            }
            if (previous.GetMedianTimePast() < BeginTime)
            {
                // Everything earlier is before the start time too.
                cache[new BlockIndexKey(previous)] = ThresholdState.Defined;
                break;
            }
            toCompute.Add(previous);
            previous = previous.GetAncestor(previous.Height - period);
        }

        var state = cache[new BlockIndexKey(previous)];
        // Walk forward, computing each period's state from the one before.
        for (int i = toCompute.Count - 1; i >= 0; i--)
        {
            var next = state;
            previous = toCompute[i];
            switch (state)
            {
                case ThresholdState.Defined:
                    if (previous.GetMedianTimePast() >= BeginTime) next = ThresholdState.Started;
                    break;
                case ThresholdState.Started:
                    int count = 0;
                    var walk = previous;
                    for (int j = 0; j < period && walk != null; j++, walk = walk.Previous)
                    {
                        if (Condition(walk)) count++;
                    }
                    if (count >= Threshold) next = ThresholdState.LockedIn;
                    else if (previous.GetMedianTimePast() >= EndTime) next = ThresholdState.Failed;
                    break;
                case ThresholdState.LockedIn:
                    if (previous.Height + 1 >= MinActivationHeight) next = ThresholdState.Active;
                    break;
            }
            cache[new BlockIndexKey(previous)] = state = next;
        }
        return state;
    }

    public Bip9Stats GetStateStatisticsFor(BlockIndex? block, List<bool>? signallingBlocks)
    {
        int period = Period;
        int threshold = Threshold;
        if (block == null) return new Bip9Stats(period, threshold, 0, 0, false);
        int blocksInPeriod = 1 + (block.Height % period);
        if (signallingBlocks != null)
        {
            signallingBlocks.Clear();
            signallingBlocks.AddRange(Enumerable.Repeat(false, blocksInPeriod));
        }
        int elapsed = 0, count = 0;
        var current = block;
        do
        {
            elapsed++;
            blocksInPeriod--;
            if (Condition(current!))
            {
                count++;
                if (signallingBlocks != null) signallingBlocks[blocksInPeriod] = true;
            }
            current = current!.Previous;
        }
        while (blocksInPeriod > 0);
        return new Bip9Stats(period, threshold, elapsed, count, period - threshold >= elapsed - count);
    }

    public int GetStateSinceHeightFor(BlockIndex? previous, Dictionary<BlockIndexKey, ThresholdState> cache)
    {
        if (BeginTime is Bip9Deployment.AlwaysActive or Bip9Deployment.NeverActive) return 0;
        var initial = GetStateFor(previous, cache);
        // The genesis block is by definition DEFINED.
        if (initial == ThresholdState.Defined) return 0;
        int period = Period;
        previous = previous!.GetAncestor(previous.Height - ((previous.Height + 1) % period))!;
        var previousPeriodParent = previous.GetAncestor(previous.Height - period);
        while (previousPeriodParent != null && GetStateFor(previousPeriodParent, cache) == initial)
        {
            previous = previousPeriodParent;
            previousPeriodParent = previous.GetAncestor(previous.Height - period);
        }
        return previous.Height + 1;
    }
}

/// <summary>A dictionary key comparing block index entries by reference, with null for "before genesis".</summary>
internal readonly record struct BlockIndexKey(BlockIndex? Block)
{
    public bool Equals(BlockIndexKey other) => ReferenceEquals(Block, other.Block);

    public override int GetHashCode() => Block == null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Block);
}

/// <summary>The checker of one BIP9 deployment: signalling is the deployment's bit under the version-bits top bits.</summary>
internal sealed class VersionBitsChecker(Bip9Deployment deployment) : ThresholdConditionChecker
{
    public uint Mask => 1u << deployment.Bit;

    protected override long BeginTime => deployment.StartTime;

    protected override long EndTime => deployment.Timeout;

    protected override int Period => deployment.Period;

    protected override int Threshold => deployment.Threshold;

    protected override int MinActivationHeight => deployment.MinActivationHeight;

    protected override bool Condition(BlockIndex block) =>
        ((uint)block.Version & Deployments.TopMask) == Deployments.TopBits && ((uint)block.Version & Mask) != 0;
}
