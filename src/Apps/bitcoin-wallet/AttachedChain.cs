using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using NBitcoin;

namespace Apps.bitcoin_wallet;

/// <summary>
/// The node's chain as a wallet process attached with <c>-ipcconnect</c> uses it: every member is the node's, except
/// that RPC commands are also put in the process's own table when it serves RPC itself (<c>-server</c>), and the
/// <c>wallet</c> settings list also names the wallets that were loaded before the node went away, so the loader of
/// the next connection reloads them without touching the node's settings.json. Disposing releases the node's chain.
/// </summary>
internal sealed class AttachedChain(IChain inner, LocalRpcTable? localRpc, IReadOnlyList<string> reloadWallets) : IChain, IDisposable
{
    /// <inheritdoc/>
    public IHandler HandleRpc(RpcCommandInfo command)
    {
        var node = inner.HandleRpc(command);
        return new HandlerPair(localRpc?.Register(command), node);
    }

    /// <inheritdoc/>
    public IReadOnlyList<SettingsValue> GetSettingsList(string name)
    {
        var list = inner.GetSettingsList(name);
        if (name != "wallet" || reloadWallets.Count == 0)
            return list;
        var named = new HashSet<string>(list.Where(v => v.IsString).Select(v => v.GetString()), StringComparer.Ordinal);
        return [.. list, .. reloadWallets.Where(n => !named.Contains(n)).Select(SettingsValue.FromString)];
    }

    /// <summary>Releases the node's chain (a proxy: sends destroy when the node is still there).</summary>
    public void Dispose()
    {
        if (inner is IDisposable disposable)
            AttachedWallet.IgnoreNodeGone(disposable.Dispose);
    }

    /// <inheritdoc/>
    public int? GetHeight() => inner.GetHeight();

    /// <inheritdoc/>
    public uint256 GetBlockHash(int height) => inner.GetBlockHash(height);

    /// <inheritdoc/>
    public bool HaveBlockOnDisk(int height) => inner.HaveBlockOnDisk(height);

    /// <inheritdoc/>
    public int? FindLocatorFork(BlockLocator locator) => inner.FindLocatorFork(locator);

    /// <inheritdoc/>
    public bool HasBlockFilterIndex(BlockFilterType filterType) => inner.HasBlockFilterIndex(filterType);

    /// <inheritdoc/>
    public bool? BlockFilterMatchesAny(BlockFilterType filterType, uint256 blockHash, IReadOnlyList<byte[]> filterSet) => inner.BlockFilterMatchesAny(filterType, blockHash, filterSet);

    /// <inheritdoc/>
    public bool FindBlock(uint256 hash, FoundBlockRequest request, out FoundBlockResult block) => inner.FindBlock(hash, request, out block);

    /// <inheritdoc/>
    public bool FindFirstBlockWithTimeAndHeight(long minTime, int minHeight, FoundBlockRequest request, out FoundBlockResult block) => inner.FindFirstBlockWithTimeAndHeight(minTime, minHeight, request, out block);

    /// <inheritdoc/>
    public bool FindAncestorByHeight(uint256 blockHash, int ancestorHeight, FoundBlockRequest request, out FoundBlockResult ancestor) => inner.FindAncestorByHeight(blockHash, ancestorHeight, request, out ancestor);

    /// <inheritdoc/>
    public bool FindAncestorByHash(uint256 blockHash, uint256 ancestorHash, FoundBlockRequest request, out FoundBlockResult ancestor) => inner.FindAncestorByHash(blockHash, ancestorHash, request, out ancestor);

    /// <inheritdoc/>
    public bool FindCommonAncestor(uint256 blockHash1, uint256 blockHash2, FoundBlockRequest ancestorRequest, FoundBlockRequest block1Request, FoundBlockRequest block2Request, out FoundBlockResult ancestor, out FoundBlockResult block1, out FoundBlockResult block2) => inner.FindCommonAncestor(blockHash1, blockHash2, ancestorRequest, block1Request, block2Request, out ancestor, out block1, out block2);

    /// <inheritdoc/>
    public IReadOnlyDictionary<OutPoint, ChainCoin> FindCoins(IReadOnlyList<OutPoint> outpoints) => inner.FindCoins(outpoints);

    /// <inheritdoc/>
    public double GuessVerificationProgress(uint256 blockHash) => inner.GuessVerificationProgress(blockHash);

    /// <inheritdoc/>
    public bool HasBlocks(uint256 blockHash, int minHeight, int? maxHeight) => inner.HasBlocks(blockHash, minHeight, maxHeight);

    /// <inheritdoc/>
    public RbfTransactionState IsRbfOptIn(Transaction tx) => inner.IsRbfOptIn(tx);

    /// <inheritdoc/>
    public bool IsInMempool(uint256 txid) => inner.IsInMempool(txid);

    /// <inheritdoc/>
    public bool HasDescendantsInMempool(uint256 txid) => inner.HasDescendantsInMempool(txid);

    /// <inheritdoc/>
    public bool BroadcastTransaction(Transaction tx, Money maxTxFee, TxBroadcastMethod method, out string error) => inner.BroadcastTransaction(tx, maxTxFee, method, out error);

    /// <inheritdoc/>
    public void GetTransactionAncestry(uint256 txid, out long ancestors, out long clusterCount, out long ancestorSize, out Money ancestorFees) => inner.GetTransactionAncestry(txid, out ancestors, out clusterCount, out ancestorSize, out ancestorFees);

    /// <inheritdoc/>
    public IReadOnlyDictionary<OutPoint, Money> CalculateIndividualBumpFees(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate) => inner.CalculateIndividualBumpFees(outpoints, targetFeeRate);

    /// <inheritdoc/>
    public Money? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate) => inner.CalculateCombinedBumpFee(outpoints, targetFeeRate);

    /// <inheritdoc/>
    public void GetPackageLimits(out uint ancestorCount, out uint descendantCount) => inner.GetPackageLimits(out ancestorCount, out descendantCount);

    /// <inheritdoc/>
    public BilingualString? CheckChainLimits(Transaction tx) => inner.CheckChainLimits(tx);

    /// <inheritdoc/>
    public FeeRateEstimate GetFeeRateEstimate(int numBlocks, bool conservative) => inner.GetFeeRateEstimate(numBlocks, conservative);

    /// <inheritdoc/>
    public uint MaximumFeeEstimationTargetBlocks() => inner.MaximumFeeEstimationTargetBlocks();

    /// <inheritdoc/>
    public FeeRate MempoolMinFee() => inner.MempoolMinFee();

    /// <inheritdoc/>
    public FeeRate RelayMinFee() => inner.RelayMinFee();

    /// <inheritdoc/>
    public FeeRate RelayIncrementalFee() => inner.RelayIncrementalFee();

    /// <inheritdoc/>
    public FeeRate RelayDustFee() => inner.RelayDustFee();

    /// <inheritdoc/>
    public bool HavePruned() => inner.HavePruned();

    /// <inheritdoc/>
    public int? GetPruneHeight() => inner.GetPruneHeight();

    /// <inheritdoc/>
    public bool IsReadyToBroadcast() => inner.IsReadyToBroadcast();

    /// <inheritdoc/>
    public bool IsInitialBlockDownload() => inner.IsInitialBlockDownload();

    /// <inheritdoc/>
    public bool ShutdownRequested() => inner.ShutdownRequested();

    /// <inheritdoc/>
    /// <remarks>Start-up messages of an attached process belong in its own log, not the node's.</remarks>
    public void InitMessage(string message) => Log.Info($"init message: {message}");

    /// <inheritdoc/>
    /// <remarks>Reported by this process (its log and stderr): the user started it and watches it.</remarks>
    public void InitWarning(BilingualString message)
    {
        Log.Warning(message.Original);
        Console.Error.Write($"Warning: {message.Original}\n");
    }

    /// <inheritdoc/>
    /// <remarks>Reported by this process (its log and stderr): the user started it and watches it.</remarks>
    public void InitError(BilingualString message)
    {
        Log.Error(message.Original);
        Console.Error.Write($"Error: {message.Original}\n");
    }

    /// <inheritdoc/>
    public void ShowProgress(string title, int progress, bool resumePossible) => inner.ShowProgress(title, progress, resumePossible);

    /// <inheritdoc/>
    public IHandler HandleNotifications(IChainNotifications notifications) => inner.HandleNotifications(notifications);

    /// <inheritdoc/>
    public void WaitForNotificationsIfTipChanged(uint256 oldTip) => inner.WaitForNotificationsIfTipChanged(oldTip);

    /// <inheritdoc/>
    public void WaitForNotifications() => inner.WaitForNotifications();

    /// <inheritdoc/>
    public bool RpcEnableDeprecated(string method) => inner.RpcEnableDeprecated(method);

    /// <inheritdoc/>
    public SettingsValue GetSetting(string name) => inner.GetSetting(name);

    /// <inheritdoc/>
    public SettingsValue GetRwSetting(string name) => inner.GetRwSetting(name);

    /// <inheritdoc/>
    public bool UpdateRwSetting(string name, ISettingsUpdateCallback update) => inner.UpdateRwSetting(name, update);

    /// <inheritdoc/>
    public bool OverwriteRwSetting(string name, SettingsValue value, SettingsAction action) => inner.OverwriteRwSetting(name, value, action);

    /// <inheritdoc/>
    public bool DeleteRwSettings(string name, SettingsAction action) => inner.DeleteRwSettings(name, action);

    /// <inheritdoc/>
    public void RequestMempoolTransactions(IChainNotifications notifications) => inner.RequestMempoolTransactions(notifications);

    /// <inheritdoc/>
    public bool HasAssumedValidChain() => inner.HasAssumedValidChain();
}
