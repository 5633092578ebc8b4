using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using NBitcoin;

namespace Bitcoin.Node.Interfaces.Internal;

/// <summary>
/// The node's <see cref="IChain"/> (Core's ChainImpl in node/interfaces.cpp): each member wraps the chainstate,
/// mempool, settings or RPC table of <see cref="NodeContext"/>. Where the node lacks a part (no mempool, no fee
/// estimator, no block filter index) members answer as Core's do without it.
/// </summary>
internal sealed partial class ChainImpl : IChain
{
    private readonly NodeContext _node;

    public ChainImpl(NodeContext node) => _node = node;

    private ChainstateManager Chainman => _node.Chainman ?? throw new InvalidOperationException("The node has no chainstate yet.");

    private ArgsManager Args => _node.Args;

    private ValidationSignals Signals => _node.ValidationSignals ?? throw new InvalidOperationException("The node has no validation signals.");

    /// <inheritdoc/>
    public int? GetHeight()
    {
        var chainman = Chainman;
        lock (chainman.Lock)
        {
            int height = chainman.ActiveChain.Height;
            return height >= 0 ? height : null;
        }
    }

    /// <inheritdoc/>
    public uint256 GetBlockHash(int height)
    {
        var chainman = Chainman;
        lock (chainman.Lock)
            return chainman.ActiveChain[height]?.Hash ?? throw new ArgumentOutOfRangeException(nameof(height), "Height is outside the active chain.");
    }

    /// <inheritdoc/>
    public bool HaveBlockOnDisk(int height)
    {
        var chainman = Chainman;
        lock (chainman.Lock)
        {
            var block = chainman.ActiveChain[height];
            return block is not null && (block.Status & BlockStatus.HaveData) != 0 && block.TxCount > 0;
        }
    }

    /// <inheritdoc/>
    public int? FindLocatorFork(BlockLocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        var chainman = Chainman;
        lock (chainman.Lock)
        {
            // Core's FindForkInGlobalIndex: the newest locator entry in the active chain, or the tip when an entry
            // descends from it; genesis (height 0) when none matches.
            var active = chainman.ActiveChain;
            foreach (var hash in locator.Blocks)
            {
                var index = chainman.LookupBlockIndex(hash);
                if (index is null) continue;
                if (active.Contains(index)) return index.Height;
                if (active.Tip is { } tip && index.GetAncestor(active.Height) == tip) return tip.Height;
            }

            return active.Genesis?.Height;
        }
    }

    /// <inheritdoc/>
    public bool HasBlockFilterIndex(BlockFilterType filterType) => FilterIndex(filterType) is not null;

    /// <inheritdoc/>
    public bool? BlockFilterMatchesAny(BlockFilterType filterType, uint256 blockHash, IReadOnlyList<byte[]> filterSet)
    {
        ArgumentNullException.ThrowIfNull(filterSet);
        if (FilterIndex(filterType) is not { } index) return null;
        BlockIndex? block;
        var chainman = Chainman;
        lock (chainman.Lock) block = chainman.LookupBlockIndex(blockHash);
        // Unknown, or not indexed yet: the caller cannot rule the block out and has to read it (Core answers nullopt).
        return block is not null && index.LookupFilter(block) is { } filter ? filter.MatchAny(filterSet) : null;
    }

    /// <summary>The node's index of <paramref name="filterType"/> filters (-blockfilterindex), or null.</summary>
    private Bitcoin.Kernel.Index.BlockFilterIndex? FilterIndex(BlockFilterType filterType) =>
        filterType == BlockFilterType.Basic ? _node.BlockFilterIndex : null;

    /// <inheritdoc/>
    public double GuessVerificationProgress(uint256 blockHash)
    {
        var chainman = Chainman;
        lock (chainman.Lock) return chainman.GuessVerificationProgress(chainman.LookupBlockIndex(blockHash));
    }

    /// <inheritdoc/>
    public bool HasBlocks(uint256 blockHash, int minHeight, int? maxHeight)
    {
        var chainman = Chainman;
        lock (chainman.Lock)
        {
            var block = chainman.LookupBlockIndex(blockHash);
            if (block is null) return false;
            if (maxHeight is { } max && block.Height >= max) block = block.GetAncestor(max);
            for (; block is not null && (block.Status & BlockStatus.HaveData) != 0; block = block.Previous)
            {
                if (block.Height <= minHeight || block.Previous is null) return true;
            }

            return false;
        }
    }

    /// <inheritdoc/>
    public bool HavePruned()
    {
        var chainman = Chainman;
        lock (chainman.Lock) return chainman.Blockman.HavePruned;
    }

    /// <inheritdoc/>
    public int? GetPruneHeight()
    {
        var chainman = Chainman;
        lock (chainman.Lock) return chainman.Blockman.GetPruneHeight(chainman.ActiveChain);
    }

    /// <inheritdoc/>
    public bool IsReadyToBroadcast()
    {
        var chainman = Chainman;
        bool loading;
        lock (chainman.Lock) loading = chainman.Blockman.LoadingBlocks;
        return !loading && !chainman.IsInitialBlockDownload;
    }

    /// <inheritdoc/>
    public bool IsInitialBlockDownload() => Chainman.IsInitialBlockDownload;

    /// <inheritdoc/>
    public bool ShutdownRequested() => _node.ShutdownRequested;

    /// <inheritdoc/>
    public void InitMessage(string message) => _node.InitMessage(message);

    /// <inheritdoc/>
    public void InitWarning(BilingualString message) => InitMessages.Warning(message.Original);

    /// <inheritdoc/>
    public void InitError(BilingualString message) => InitMessages.Error(message.Original);

    /// <inheritdoc/>
    public void ShowProgress(string title, int progress, bool resumePossible) =>
        _node.Notifications?.Progress(title, progress, resumePossible);

    /// <inheritdoc/>
    public IHandler HandleNotifications(IChainNotifications notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        return new NotificationsHandler(Signals, notifications);
    }

    /// <inheritdoc/>
    public void WaitForNotificationsIfTipChanged(uint256 oldTip)
    {
        ArgumentNullException.ThrowIfNull(oldTip);
        if (oldTip != uint256.Zero)
        {
            var chainman = Chainman;
            lock (chainman.Lock)
            {
                if (chainman.ActiveChain.Tip?.Hash == oldTip) return;
            }
        }

        Signals.SyncWithValidationInterfaceQueue();
    }

    /// <inheritdoc/>
    public void WaitForNotifications() => Signals.SyncWithValidationInterfaceQueue();

    /// <inheritdoc/>
    public bool HasAssumedValidChain() => false;

    private static void LogIgnored(string what) => Log.Debug(LogCategory.Rpc, what);
}
