using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>
/// An <see cref="IChain"/> that records every call with its arguments and answers distinct, non-default values, and
/// that calls back into the notifications, actors and settings callbacks it is given (so callbacks cross too).
/// </summary>
internal sealed class FakeChain : IChain
{
    public static readonly Block SampleBlock = TestData.MakeBlock();
    public static readonly Transaction SampleTx = SampleBlock.Transactions[1];

    public List<string> Calls { get; } = [];

    private void Record(string name, params object?[] args)
    {
        lock (Calls) Calls.Add(name + "(" + string.Join(", ", args.Select(Canon.Of)) + ")");
    }

    private static FoundBlockResult Found(FoundBlockRequest request, int height) => new()
    {
        Hash = request.WantHash ? SampleBlock.GetHash() : null,
        Height = request.WantHeight ? height : 0,
        Time = request.WantTime ? 1_700_000_000 + height : 0,
        MaxTime = request.WantMaxTime ? 1_700_000_100 + height : 0,
        MtpTime = request.WantMtpTime ? 1_699_999_000 + height : 0,
        InActiveChain = request.WantInActiveChain,
        Locator = request.WantLocator ? new BlockLocator { Blocks = { SampleBlock.GetHash(), uint256.One } } : null,
        NextBlock = request.NextBlock is { } next ? Found(next, height + 1) : null,
        Data = request.WantData ? SampleBlock : null,
        Found = true,
    };

    public int? GetHeight() { Record(nameof(GetHeight)); return 117; }
    public uint256 GetBlockHash(int height) { Record(nameof(GetBlockHash), height); return new uint256((ulong)height * 7919); }
    public bool HaveBlockOnDisk(int height) { Record(nameof(HaveBlockOnDisk), height); return height % 2 == 1; }
    public int? FindLocatorFork(BlockLocator locator) { Record(nameof(FindLocatorFork), locator); return locator.Blocks.Count == 0 ? null : 42; }
    public bool HasBlockFilterIndex(BlockFilterType filterType) { Record(nameof(HasBlockFilterIndex), filterType); return true; }
    public bool? BlockFilterMatchesAny(BlockFilterType filterType, uint256 blockHash, IReadOnlyList<byte[]> filterSet) { Record(nameof(BlockFilterMatchesAny), filterType, blockHash, filterSet); return filterSet.Count > 1 ? true : null; }
    public bool FindBlock(uint256 hash, FoundBlockRequest request, out FoundBlockResult block) { Record(nameof(FindBlock), hash, request); block = Found(request, 5); return true; }
    public bool FindFirstBlockWithTimeAndHeight(long minTime, int minHeight, FoundBlockRequest request, out FoundBlockResult block) { Record(nameof(FindFirstBlockWithTimeAndHeight), minTime, minHeight, request); block = Found(request, minHeight); return true; }
    public bool FindAncestorByHeight(uint256 blockHash, int ancestorHeight, FoundBlockRequest request, out FoundBlockResult ancestor) { Record(nameof(FindAncestorByHeight), blockHash, ancestorHeight, request); ancestor = FoundBlockResult.NotFound; return false; }
    public bool FindAncestorByHash(uint256 blockHash, uint256 ancestorHash, FoundBlockRequest request, out FoundBlockResult ancestor) { Record(nameof(FindAncestorByHash), blockHash, ancestorHash, request); ancestor = Found(request, 9); return true; }

    public bool FindCommonAncestor(uint256 blockHash1, uint256 blockHash2, FoundBlockRequest ancestorRequest, FoundBlockRequest block1Request,
        FoundBlockRequest block2Request, out FoundBlockResult ancestor, out FoundBlockResult block1, out FoundBlockResult block2)
    {
        Record(nameof(FindCommonAncestor), blockHash1, blockHash2, ancestorRequest, block1Request, block2Request);
        ancestor = Found(ancestorRequest, 3);
        block1 = Found(block1Request, 4);
        block2 = Found(block2Request, 6);
        return true;
    }

    public IReadOnlyDictionary<OutPoint, ChainCoin> FindCoins(IReadOnlyList<OutPoint> outpoints)
    {
        Record(nameof(FindCoins), outpoints);
        return outpoints.Take(2).Select((o, i) => (o, new ChainCoin(SampleTx.Outputs[0], 100 + i, i == 0))).ToDictionary(p => p.o, p => p.Item2);
    }

    public double GuessVerificationProgress(uint256 blockHash) { Record(nameof(GuessVerificationProgress), blockHash); return 0.625; }
    public bool HasBlocks(uint256 blockHash, int minHeight, int? maxHeight) { Record(nameof(HasBlocks), blockHash, minHeight, maxHeight); return maxHeight is null; }
    public RbfTransactionState IsRbfOptIn(Transaction tx) { Record(nameof(IsRbfOptIn), tx); return RbfTransactionState.ReplaceableBip125; }
    public bool IsInMempool(uint256 txid) { Record(nameof(IsInMempool), txid); return true; }
    public bool HasDescendantsInMempool(uint256 txid) { Record(nameof(HasDescendantsInMempool), txid); return true; }

    public bool BroadcastTransaction(Transaction tx, Money maxTxFee, TxBroadcastMethod method, out string error)
    {
        Record(nameof(BroadcastTransaction), tx, maxTxFee, method);
        error = "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)";
        return false;
    }

    public void GetTransactionAncestry(uint256 txid, out long ancestors, out long clusterCount, out long ancestorSize, out Money ancestorFees)
    {
        Record(nameof(GetTransactionAncestry), txid);
        ancestors = 3;
        clusterCount = 5;
        ancestorSize = 777;
        ancestorFees = Money.Satoshis(4321);
    }

    public IReadOnlyDictionary<OutPoint, Money> CalculateIndividualBumpFees(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate)
    {
        Record(nameof(CalculateIndividualBumpFees), outpoints, targetFeeRate);
        return outpoints.Select((o, i) => (o, Money.Satoshis(10 * (i + 1)))).ToDictionary(p => p.o, p => p.Item2);
    }

    public Money? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate) { Record(nameof(CalculateCombinedBumpFee), outpoints, targetFeeRate); return Money.Satoshis(999); }
    public void GetPackageLimits(out uint ancestorCount, out uint descendantCount) { Record(nameof(GetPackageLimits)); ancestorCount = 25; descendantCount = 26; }
    public BilingualString? CheckChainLimits(Transaction tx) { Record(nameof(CheckChainLimits), tx); return new BilingualString("too-long-mempool-chain", "zu lang"); }
    public FeeRateEstimate GetFeeRateEstimate(int numBlocks, bool conservative) { Record(nameof(GetFeeRateEstimate), numBlocks, conservative); return new FeeRateEstimate(FeeRateEstimatorType.BlockPolicy, Money.Satoshis(2500), 250, numBlocks + 1, null); }
    public uint MaximumFeeEstimationTargetBlocks() { Record(nameof(MaximumFeeEstimationTargetBlocks)); return 1008; }
    public FeeRate MempoolMinFee() { Record(nameof(MempoolMinFee)); return new FeeRate(Money.Satoshis(1001)); }
    public FeeRate RelayMinFee() { Record(nameof(RelayMinFee)); return new FeeRate(Money.Satoshis(1002)); }
    public FeeRate RelayIncrementalFee() { Record(nameof(RelayIncrementalFee)); return new FeeRate(Money.Satoshis(1003)); }
    public FeeRate RelayDustFee() { Record(nameof(RelayDustFee)); return new FeeRate(Money.Satoshis(3000)); }
    public bool HavePruned() { Record(nameof(HavePruned)); return true; }
    public int? GetPruneHeight() { Record(nameof(GetPruneHeight)); return 550; }
    public bool IsReadyToBroadcast() { Record(nameof(IsReadyToBroadcast)); return true; }
    public bool IsInitialBlockDownload() { Record(nameof(IsInitialBlockDownload)); return true; }
    public bool ShutdownRequested() { Record(nameof(ShutdownRequested)); return true; }
    public void InitMessage(string message) => Record(nameof(InitMessage), message);
    public void InitWarning(BilingualString message) => Record(nameof(InitWarning), message);
    public void InitError(BilingualString message) => Record(nameof(InitError), message);
    public void ShowProgress(string title, int progress, bool resumePossible) => Record(nameof(ShowProgress), title, progress, resumePossible);

    public IHandler HandleNotifications(IChainNotifications notifications)
    {
        Record(nameof(HandleNotifications));
        // Events delivered while registering cross back into the client.
        var block = new BlockInfo(SampleBlock.GetHash()) { PrevHash = uint256.One, Height = 118, FileNumber = 0, DataPos = 8, Data = SampleBlock, ChainTimeMax = 1_700_000_000 };
        notifications.TransactionAddedToMempool(SampleTx);
        notifications.TransactionRemovedFromMempool(SampleTx, MempoolRemovalReason.Block);
        notifications.BlockConnected(ChainstateRole.Normal, block);
        notifications.BlockDisconnected(block);
        notifications.UpdatedBlockTip();
        notifications.ChainStateFlushed(new ChainstateRole(true, true), new BlockLocator { Blocks = { SampleBlock.GetHash(), uint256.One } });
        return new RecordingHandler(this, "notifications");
    }

    public void WaitForNotificationsIfTipChanged(uint256 oldTip) => Record(nameof(WaitForNotificationsIfTipChanged), oldTip);
    public void WaitForNotifications() => Record(nameof(WaitForNotifications));

    public IHandler HandleRpc(RpcCommandInfo command)
    {
        Record(nameof(HandleRpc), command.Category, command.Name, command.ArgNames, command.UniqueId);
        var request = new RpcRequestInfo { Id = 7, Method = command.Name, Params = [1, "two"], Uri = "/wallet/w", AuthUser = "u", PeerAddress = "127.0.0.1:1", Version = JsonRpcVersion.V2 };
        var handled = command.Actor.Call(request, lastCallback: true, out var response);
        Record("actor", handled, response);
        return new RecordingHandler(this, "rpc " + command.Name);
    }

    public bool RpcEnableDeprecated(string method) { Record(nameof(RpcEnableDeprecated), method); return method == "accounts"; }
    public SettingsValue GetSetting(string name) { Record(nameof(GetSetting), name); return SettingsValue.FromInt64(12); }
    public IReadOnlyList<SettingsValue> GetSettingsList(string name) { Record(nameof(GetSettingsList), name); return [SettingsValue.FromString("a"), SettingsValue.Null, SettingsValue.Array(SettingsValue.True)]; }
    public SettingsValue GetRwSetting(string name) { Record(nameof(GetRwSetting), name); return SettingsValue.Object([new("wallet", SettingsValue.Array(SettingsValue.FromString("w1")))]); }

    public bool UpdateRwSetting(string name, ISettingsUpdateCallback update)
    {
        var value = SettingsValue.Array(SettingsValue.FromString("w1"));
        var action = update.Call(ref value);
        Record(nameof(UpdateRwSetting), name, value, action);
        return true;
    }

    public bool OverwriteRwSetting(string name, SettingsValue value, SettingsAction action) { Record(nameof(OverwriteRwSetting), name, value, action); return true; }
    public bool DeleteRwSettings(string name, SettingsAction action) { Record(nameof(DeleteRwSettings), name, action); return false; }

    public void RequestMempoolTransactions(IChainNotifications notifications)
    {
        Record(nameof(RequestMempoolTransactions));
        notifications.TransactionAddedToMempool(SampleTx);
    }

    public bool HasAssumedValidChain() { Record(nameof(HasAssumedValidChain)); return true; }

    private sealed class RecordingHandler(FakeChain chain, string what) : IHandler
    {
        public void Disconnect() => chain.Record("disconnect " + what);
        public void Dispose() => chain.Record("dispose " + what);
    }
}
