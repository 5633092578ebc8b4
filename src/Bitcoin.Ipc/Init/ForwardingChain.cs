using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Ipc;

/// <summary>
/// An <see cref="IChain"/> that passes every call to another one: the base of the decorators a process puts around
/// the chain it hands its wallet (the node's wallet-process chain, an attached wallet process's chain), which override
/// only the members they change.
/// </summary>
public abstract class ForwardingChain(IChain inner) : IChain
{
    /// <summary>The chain the calls go to.</summary>
    protected IChain Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public virtual IHandler HandleRpc(RpcCommandInfo command) => Inner.HandleRpc(command);

    /// <inheritdoc/>
    public virtual IReadOnlyList<SettingsValue> GetSettingsList(string name) => Inner.GetSettingsList(name);

    /// <inheritdoc/>
    public virtual int? GetHeight() => Inner.GetHeight();

    /// <inheritdoc/>
    public virtual uint256 GetBlockHash(int height) => Inner.GetBlockHash(height);

    /// <inheritdoc/>
    public virtual bool HaveBlockOnDisk(int height) => Inner.HaveBlockOnDisk(height);

    /// <inheritdoc/>
    public virtual int? FindLocatorFork(BlockLocator locator) => Inner.FindLocatorFork(locator);

    /// <inheritdoc/>
    public virtual bool HasBlockFilterIndex(BlockFilterType filterType) => Inner.HasBlockFilterIndex(filterType);

    /// <inheritdoc/>
    public virtual bool? BlockFilterMatchesAny(BlockFilterType filterType, uint256 blockHash, IReadOnlyList<byte[]> filterSet) => Inner.BlockFilterMatchesAny(filterType, blockHash, filterSet);

    /// <inheritdoc/>
    public virtual bool FindBlock(uint256 hash, FoundBlockRequest request, out FoundBlockResult block) => Inner.FindBlock(hash, request, out block);

    /// <inheritdoc/>
    public virtual bool FindFirstBlockWithTimeAndHeight(long minTime, int minHeight, FoundBlockRequest request, out FoundBlockResult block) => Inner.FindFirstBlockWithTimeAndHeight(minTime, minHeight, request, out block);

    /// <inheritdoc/>
    public virtual bool FindAncestorByHeight(uint256 blockHash, int ancestorHeight, FoundBlockRequest request, out FoundBlockResult ancestor) => Inner.FindAncestorByHeight(blockHash, ancestorHeight, request, out ancestor);

    /// <inheritdoc/>
    public virtual bool FindAncestorByHash(uint256 blockHash, uint256 ancestorHash, FoundBlockRequest request, out FoundBlockResult ancestor) => Inner.FindAncestorByHash(blockHash, ancestorHash, request, out ancestor);

    /// <inheritdoc/>
    public virtual bool FindCommonAncestor(uint256 blockHash1, uint256 blockHash2, FoundBlockRequest ancestorRequest, FoundBlockRequest block1Request, FoundBlockRequest block2Request, out FoundBlockResult ancestor, out FoundBlockResult block1, out FoundBlockResult block2) => Inner.FindCommonAncestor(blockHash1, blockHash2, ancestorRequest, block1Request, block2Request, out ancestor, out block1, out block2);

    /// <inheritdoc/>
    public virtual IReadOnlyDictionary<OutPoint, ChainCoin> FindCoins(IReadOnlyList<OutPoint> outpoints) => Inner.FindCoins(outpoints);

    /// <inheritdoc/>
    public virtual double GuessVerificationProgress(uint256 blockHash) => Inner.GuessVerificationProgress(blockHash);

    /// <inheritdoc/>
    public virtual bool HasBlocks(uint256 blockHash, int minHeight, int? maxHeight) => Inner.HasBlocks(blockHash, minHeight, maxHeight);

    /// <inheritdoc/>
    public virtual RbfTransactionState IsRbfOptIn(Transaction tx) => Inner.IsRbfOptIn(tx);

    /// <inheritdoc/>
    public virtual bool IsInMempool(uint256 txid) => Inner.IsInMempool(txid);

    /// <inheritdoc/>
    public virtual bool HasDescendantsInMempool(uint256 txid) => Inner.HasDescendantsInMempool(txid);

    /// <inheritdoc/>
    public virtual bool BroadcastTransaction(Transaction tx, Money maxTxFee, TxBroadcastMethod method, out string error) => Inner.BroadcastTransaction(tx, maxTxFee, method, out error);

    /// <inheritdoc/>
    public virtual void GetTransactionAncestry(uint256 txid, out long ancestors, out long clusterCount, out long ancestorSize, out Money ancestorFees) => Inner.GetTransactionAncestry(txid, out ancestors, out clusterCount, out ancestorSize, out ancestorFees);

    /// <inheritdoc/>
    public virtual IReadOnlyDictionary<OutPoint, Money> CalculateIndividualBumpFees(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate) => Inner.CalculateIndividualBumpFees(outpoints, targetFeeRate);

    /// <inheritdoc/>
    public virtual Money? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate) => Inner.CalculateCombinedBumpFee(outpoints, targetFeeRate);

    /// <inheritdoc/>
    public virtual void GetPackageLimits(out uint ancestorCount, out uint descendantCount) => Inner.GetPackageLimits(out ancestorCount, out descendantCount);

    /// <inheritdoc/>
    public virtual BilingualString? CheckChainLimits(Transaction tx) => Inner.CheckChainLimits(tx);

    /// <inheritdoc/>
    public virtual FeeRateEstimate GetFeeRateEstimate(int numBlocks, bool conservative) => Inner.GetFeeRateEstimate(numBlocks, conservative);

    /// <inheritdoc/>
    public virtual uint MaximumFeeEstimationTargetBlocks() => Inner.MaximumFeeEstimationTargetBlocks();

    /// <inheritdoc/>
    public virtual FeeRate MempoolMinFee() => Inner.MempoolMinFee();

    /// <inheritdoc/>
    public virtual FeeRate RelayMinFee() => Inner.RelayMinFee();

    /// <inheritdoc/>
    public virtual FeeRate RelayIncrementalFee() => Inner.RelayIncrementalFee();

    /// <inheritdoc/>
    public virtual FeeRate RelayDustFee() => Inner.RelayDustFee();

    /// <inheritdoc/>
    public virtual bool HavePruned() => Inner.HavePruned();

    /// <inheritdoc/>
    public virtual int? GetPruneHeight() => Inner.GetPruneHeight();

    /// <inheritdoc/>
    public virtual bool IsReadyToBroadcast() => Inner.IsReadyToBroadcast();

    /// <inheritdoc/>
    public virtual bool IsInitialBlockDownload() => Inner.IsInitialBlockDownload();

    /// <inheritdoc/>
    public virtual bool ShutdownRequested() => Inner.ShutdownRequested();

    /// <inheritdoc/>
    public virtual void InitMessage(string message) => Inner.InitMessage(message);

    /// <inheritdoc/>
    public virtual void InitWarning(BilingualString message) => Inner.InitWarning(message);

    /// <inheritdoc/>
    public virtual void InitError(BilingualString message) => Inner.InitError(message);

    /// <inheritdoc/>
    public virtual void ShowProgress(string title, int progress, bool resumePossible) => Inner.ShowProgress(title, progress, resumePossible);

    /// <inheritdoc/>
    public virtual IHandler HandleNotifications(IChainNotifications notifications) => Inner.HandleNotifications(notifications);

    /// <inheritdoc/>
    public virtual void WaitForNotificationsIfTipChanged(uint256 oldTip) => Inner.WaitForNotificationsIfTipChanged(oldTip);

    /// <inheritdoc/>
    public virtual void WaitForNotifications() => Inner.WaitForNotifications();

    /// <inheritdoc/>
    public virtual bool RpcEnableDeprecated(string method) => Inner.RpcEnableDeprecated(method);

    /// <inheritdoc/>
    public virtual SettingsValue GetSetting(string name) => Inner.GetSetting(name);

    /// <inheritdoc/>
    public virtual SettingsValue GetRwSetting(string name) => Inner.GetRwSetting(name);

    /// <inheritdoc/>
    public virtual bool UpdateRwSetting(string name, ISettingsUpdateCallback update) => Inner.UpdateRwSetting(name, update);

    /// <inheritdoc/>
    public virtual bool OverwriteRwSetting(string name, SettingsValue value, SettingsAction action) => Inner.OverwriteRwSetting(name, value, action);

    /// <inheritdoc/>
    public virtual bool DeleteRwSettings(string name, SettingsAction action) => Inner.DeleteRwSettings(name, action);

    /// <inheritdoc/>
    public virtual void RequestMempoolTransactions(IChainNotifications notifications) => Inner.RequestMempoolTransactions(notifications);

    /// <inheritdoc/>
    public virtual bool HasAssumedValidChain() => Inner.HasAssumedValidChain();
}
