using Bitcoin.Common.Settings;
using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>
/// What a chain client (the wallet) may ask of the node: chain facts, block data, the UTXO set and mempool, fee
/// estimates, transaction broadcast, notifications, RPC registration and settings (Core's
/// <c>interfaces::Chain</c>, the IPC <c>Chain</c> interface; members are in the schema's order).
/// </summary>
/// <remarks>
/// <para>All members are thread-safe and synchronous; none may be called from inside an
/// <see cref="IChainNotifications"/> handler that waits for notifications (that would deadlock).</para>
/// <para>Objects returned (blocks, transactions) are the node's own in one process: callers must not modify them.
/// Across processes transactions and blocks travel in Bitcoin serialization with witnesses, hashes as 32 bytes,
/// fee rates as satoshis per 1000 vbytes, settings as JSON text.</para>
/// </remarks>
public interface IChain
{
    /// <summary>The height of the active tip (0 when only genesis is connected), or null while no block is connected.</summary>
    int? GetHeight();

    /// <summary>The hash of the active chain's block at <paramref name="height"/>; throws <see cref="ArgumentOutOfRangeException"/> outside 0..tip.</summary>
    uint256 GetBlockHash(int height);

    /// <summary>True if the active chain's block at <paramref name="height"/> has its data on disk (not pruned) and has transactions; false for heights outside the chain.</summary>
    bool HaveBlockOnDisk(int height);

    /// <summary>
    /// The height of the last block of the active chain that is also in <paramref name="locator"/> (the fork point of
    /// the chain the locator describes), or null if none is, e.g. for an empty locator or one from another chain.
    /// </summary>
    int? FindLocatorFork(BlockLocator locator);

    /// <summary>True if the node keeps a block filter index of <paramref name="filterType"/> (-blockfilterindex).</summary>
    bool HasBlockFilterIndex(BlockFilterType filterType);

    /// <summary>
    /// Whether the block's filter matches any of <paramref name="filterSet"/> (output scripts); null when the filter
    /// of the block is not available (no index, or the index has not reached it).
    /// </summary>
    bool? BlockFilterMatchesAny(BlockFilterType filterType, uint256 blockHash, IReadOnlyList<byte[]> filterSet);

    /// <summary>
    /// True if the node knows the block <paramref name="hash"/> (in any branch); <paramref name="block"/> gets what
    /// <paramref name="request"/> asks for, or <see cref="FoundBlockResult.NotFound"/>.
    /// </summary>
    bool FindBlock(uint256 hash, FoundBlockRequest request, out FoundBlockResult block);

    /// <summary>
    /// Finds the first block of the active chain with a header time of at least <paramref name="minTime"/> whose
    /// greatest ancestor time and height are at least <paramref name="minTime"/> and <paramref name="minHeight"/>
    /// (Core's <c>FindEarliestAtLeast</c>); false if there is none.
    /// </summary>
    bool FindFirstBlockWithTimeAndHeight(long minTime, int minHeight, FoundBlockRequest request, out FoundBlockResult block);

    /// <summary>
    /// Finds the ancestor at <paramref name="ancestorHeight"/> of <paramref name="blockHash"/> (which need not be in the
    /// active chain); false if the block is unknown or the height is above it or negative.
    /// </summary>
    bool FindAncestorByHeight(uint256 blockHash, int ancestorHeight, FoundBlockRequest request, out FoundBlockResult ancestor);

    /// <summary>True if <paramref name="ancestorHash"/> is <paramref name="blockHash"/> or one of its ancestors; <paramref name="ancestor"/> describes it then.</summary>
    bool FindAncestorByHash(uint256 blockHash, uint256 ancestorHash, FoundBlockRequest request, out FoundBlockResult ancestor);

    /// <summary>
    /// Finds the last common ancestor of two known blocks; false if either is unknown (then only the known ones are
    /// described). Each request describes its block in the matching output.
    /// </summary>
    bool FindCommonAncestor(uint256 blockHash1, uint256 blockHash2, FoundBlockRequest ancestorRequest, FoundBlockRequest block1Request,
        FoundBlockRequest block2Request, out FoundBlockResult ancestor, out FoundBlockResult block1, out FoundBlockResult block2);

    /// <summary>
    /// Looks up unspent outputs in the mempool and then the UTXO set (Core's <c>findCoins</c>). Spent or unknown
    /// outpoints are absent from the result.
    /// </summary>
    IReadOnlyDictionary<OutPoint, ChainCoin> FindCoins(IReadOnlyList<OutPoint> outpoints);

    /// <summary>The estimated fraction (0..1) of all transactions verified once blocks up to <paramref name="blockHash"/> are; 0 for an unknown block.</summary>
    double GuessVerificationProgress(uint256 blockHash);

    /// <summary>
    /// True if data is on disk for every ancestor of <paramref name="blockHash"/> (itself included) from
    /// <paramref name="minHeight"/> up to <paramref name="maxHeight"/> (inclusive; null means up to the block itself).
    /// </summary>
    bool HasBlocks(uint256 blockHash, int minHeight, int? maxHeight);

    /// <summary>Whether <paramref name="tx"/> signals BIP125 replaceability, directly or through a mempool ancestor.</summary>
    RbfTransactionState IsRbfOptIn(Transaction tx);

    /// <summary>True if the mempool holds a transaction with this txid.</summary>
    bool IsInMempool(uint256 txid);

    /// <summary>True if the mempool transaction with this txid has descendants in the mempool (false if it is not there).</summary>
    bool HasDescendantsInMempool(uint256 txid);

    /// <summary>
    /// Submits a transaction the client made: to the mempool and/or peers as <paramref name="method"/> says. Refuses it
    /// when its fee exceeds <paramref name="maxTxFee"/> (zero means no limit). Returns false with Core's reason in
    /// <paramref name="error"/> (e.g. "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)",
    /// "Transaction already in block chain", a mempool rejection).
    /// </summary>
    bool BroadcastTransaction(Transaction tx, Money maxTxFee, TxBroadcastMethod method, out string error);

    /// <summary>
    /// The mempool ancestry of a transaction: <paramref name="ancestors"/> and <paramref name="clusterCount"/> count
    /// it too; all are 0 when it is not in the mempool. <paramref name="ancestorSize"/> is in vbytes.
    /// </summary>
    void GetTransactionAncestry(uint256 txid, out long ancestors, out long clusterCount, out long ancestorSize, out Money ancestorFees);

    /// <summary>
    /// For each outpoint, the extra fee needed to bring its unconfirmed ancestors up to <paramref name="targetFeeRate"/>
    /// if it were spent alone (0 for confirmed or unknown outputs); see Core's <c>calculateIndividualBumpFees</c>.
    /// </summary>
    IReadOnlyDictionary<OutPoint, Money> CalculateIndividualBumpFees(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate);

    /// <summary>The fee needed to bump the shared ancestry of all <paramref name="outpoints"/> to <paramref name="targetFeeRate"/>; null if it cannot be computed.</summary>
    Money? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate);

    /// <summary>The mempool's ancestor and descendant count limits (-limitancestorcount, -limitdescendantcount).</summary>
    void GetPackageLimits(out uint ancestorCount, out uint descendantCount);

    /// <summary>Null if <paramref name="tx"/> would stay within the mempool's chain limits, else Core's reason.</summary>
    BilingualString? CheckChainLimits(Transaction tx);

    /// <summary>A fee rate to confirm within <paramref name="numBlocks"/> blocks (Core's <c>getFeeRateEstimate</c>); a failed estimate carries the reason.</summary>
    FeeRateEstimate GetFeeRateEstimate(int numBlocks, bool conservative);

    /// <summary>The greatest confirmation target the fee estimator answers for.</summary>
    uint MaximumFeeEstimationTargetBlocks();

    /// <summary>The lowest fee rate the mempool accepts now (rises when it is full).</summary>
    FeeRate MempoolMinFee();

    /// <summary>The minimum relay fee rate (-minrelaytxfee).</summary>
    FeeRate RelayMinFee();

    /// <summary>The incremental relay fee rate (-incrementalrelayfee), the cost of relaying a replacement.</summary>
    FeeRate RelayIncrementalFee();

    /// <summary>The dust relay fee rate (-dustrelayfee).</summary>
    FeeRate RelayDustFee();

    /// <summary>True once any block file has been pruned in this data directory (automatically or by pruneblockchain); it stays true after restarts.</summary>
    bool HavePruned();

    /// <summary>
    /// The height of the highest active-chain block whose block or undo data has been pruned (Core's
    /// <c>GetPruneHeight</c>; blocks above it all have their data), or null if nothing was pruned or there is no chain.
    /// </summary>
    int? GetPruneHeight();

    /// <summary>True once the node may broadcast transactions (not importing or reindexing, not in initial block download).</summary>
    bool IsReadyToBroadcast();

    /// <summary>True during initial block download.</summary>
    bool IsInitialBlockDownload();

    /// <summary>True once the node was asked to shut down; long operations should stop.</summary>
    bool ShutdownRequested();

    /// <summary>Shows a start-up progress message ("Loading wallet…"): logged, and answered to RPC calls during warm-up.</summary>
    void InitMessage(string message);

    /// <summary>Reports a start-up warning ("Warning: ..." on stderr and in the log).</summary>
    void InitWarning(BilingualString message);

    /// <summary>Reports a start-up error ("Error: ..." on stderr and in the log).</summary>
    void InitError(BilingualString message);

    /// <summary>Reports progress of a long task (0..100; 100 ends it) to user interfaces.</summary>
    void ShowProgress(string title, int progress, bool resumePossible);

    /// <summary>
    /// Subscribes <paramref name="notifications"/> to chain and mempool events until the returned handler is
    /// disconnected. Events already queued may still arrive after that (see <see cref="WaitForNotifications"/>).
    /// </summary>
    IHandler HandleNotifications(IChainNotifications notifications);

    /// <summary>Waits until queued notifications are delivered, unless <paramref name="oldTip"/> is still the active tip (then returns at once).</summary>
    void WaitForNotificationsIfTipChanged(uint256 oldTip);

    /// <summary>Waits until every notification queued before the call has been delivered.</summary>
    void WaitForNotifications();

    /// <summary>
    /// Adds <paramref name="command"/> to the node's RPC table until the returned handler is disconnected. Several
    /// clients may register the same name: calls are offered to each in registration order until one handles it.
    /// </summary>
    IHandler HandleRpc(RpcCommandInfo command);

    /// <summary>True if <c>-deprecatedrpc=<paramref name="method"/></c> was given.</summary>
    bool RpcEnableDeprecated(string method);

    /// <summary>The effective value of the option <paramref name="name"/> (without dash), merged as ArgsManager merges it; null if unset.</summary>
    SettingsValue GetSetting(string name);

    /// <summary>Every value given for the option <paramref name="name"/> (without dash), in order.</summary>
    IReadOnlyList<SettingsValue> GetSettingsList(string name);

    /// <summary>The value of <paramref name="name"/> in settings.json, or null.</summary>
    SettingsValue GetRwSetting(string name);

    /// <summary>
    /// Reads and changes a settings.json value atomically through <paramref name="update"/>; returns false if the
    /// file could not be written (the change is then kept in memory).
    /// </summary>
    bool UpdateRwSetting(string name, ISettingsUpdateCallback update);

    /// <summary>Replaces a settings.json value (null erases it); false if the file could not be written.</summary>
    bool OverwriteRwSetting(string name, SettingsValue value, SettingsAction action);

    /// <summary>Erases a settings.json value; false if the file could not be written.</summary>
    bool DeleteRwSettings(string name, SettingsAction action);

    /// <summary>
    /// Calls <see cref="IChainNotifications.TransactionAddedToMempool"/> on <paramref name="notifications"/> for every
    /// transaction in the mempool now, and returns after the last. Not ordered with queued notifications: clients must
    /// tolerate duplicates and removals of unknown transactions.
    /// </summary>
    void RequestMempoolTransactions(IChainNotifications notifications);

    /// <summary>True if an assumeutxo snapshot chainstate is in use (blocks below it may lack data).</summary>
    bool HasAssumedValidChain();
}
