using System.Text.Json.Nodes;
using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;
using NBitcoin;

namespace Bitcoin.Ipc.Tests.Chain;

/// <summary>One call of every <see cref="IChain"/> member, with arguments that exercise its conversions; each
/// returns what the caller sees (results, out values, what callbacks received).</summary>
internal static class ChainMemberCases
{
    private static readonly uint256 Hash = FakeChain.SampleBlock.GetHash();
    private static readonly OutPoint[] Outpoints = [new(FakeChain.SampleTx.GetHash(), 1), new(uint256.One, 7), new(Hash, 0)];
    private static readonly FoundBlockRequest Everything = new()
    {
        WantHash = true, WantHeight = true, WantTime = true, WantMaxTime = true, WantMtpTime = true, WantInActiveChain = true, WantLocator = true, WantData = true,
        NextBlock = new FoundBlockRequest { WantHash = true, WantHeight = true },
    };

    public static readonly IReadOnlyDictionary<string, Func<IChain, object?>> All = new Dictionary<string, Func<IChain, object?>>
    {
        [nameof(IChain.GetHeight)] = c => c.GetHeight(),
        [nameof(IChain.GetBlockHash)] = c => c.GetBlockHash(12),
        [nameof(IChain.HaveBlockOnDisk)] = c => (c.HaveBlockOnDisk(3), c.HaveBlockOnDisk(4)),
        [nameof(IChain.FindLocatorFork)] = c => (c.FindLocatorFork(new BlockLocator { Blocks = { Hash, uint256.One } }), c.FindLocatorFork(new BlockLocator())),
        [nameof(IChain.HasBlockFilterIndex)] = c => c.HasBlockFilterIndex(BlockFilterType.Basic),
        [nameof(IChain.BlockFilterMatchesAny)] = c => (c.BlockFilterMatchesAny(BlockFilterType.Basic, Hash, [[1, 2], [3]]), c.BlockFilterMatchesAny(BlockFilterType.Basic, Hash, [])),
        [nameof(IChain.FindBlock)] = c => (c.FindBlock(Hash, Everything, out var b), b),
        [nameof(IChain.FindFirstBlockWithTimeAndHeight)] = c => (c.FindFirstBlockWithTimeAndHeight(1_600_000_000, 8, new FoundBlockRequest { WantHeight = true }, out var b), b),
        [nameof(IChain.FindAncestorByHeight)] = c => (c.FindAncestorByHeight(Hash, 2, FoundBlockRequest.None, out var b), b),
        [nameof(IChain.FindAncestorByHash)] = c => (c.FindAncestorByHash(Hash, uint256.One, new FoundBlockRequest { WantData = true, WantMtpTime = true }, out var b), b),
        [nameof(IChain.FindCommonAncestor)] = c => (c.FindCommonAncestor(Hash, uint256.One, Everything, new FoundBlockRequest { WantTime = true }, FoundBlockRequest.None,
            out var a, out var b1, out var b2), a, b1, b2),
        [nameof(IChain.FindCoins)] = c => c.FindCoins(Outpoints),
        [nameof(IChain.GuessVerificationProgress)] = c => c.GuessVerificationProgress(Hash),
        [nameof(IChain.HasBlocks)] = c => (c.HasBlocks(Hash, 3, null), c.HasBlocks(Hash, 0, 10)),
        [nameof(IChain.IsRbfOptIn)] = c => c.IsRbfOptIn(FakeChain.SampleTx),
        [nameof(IChain.IsInMempool)] = c => c.IsInMempool(FakeChain.SampleTx.GetHash()),
        [nameof(IChain.HasDescendantsInMempool)] = c => c.HasDescendantsInMempool(uint256.One),
        [nameof(IChain.BroadcastTransaction)] = c => (c.BroadcastTransaction(FakeChain.SampleTx, Money.Coins(0.1m), TxBroadcastMethod.MempoolNoBroadcast, out var e), e),
        [nameof(IChain.GetTransactionAncestry)] = c =>
        {
            c.GetTransactionAncestry(uint256.One, out var a, out var d, out var s, out var f);
            return (a, d, s, f);
        },
        [nameof(IChain.CalculateIndividualBumpFees)] = c => c.CalculateIndividualBumpFees(Outpoints, new FeeRate(Money.Satoshis(5000))),
        [nameof(IChain.CalculateCombinedBumpFee)] = c => c.CalculateCombinedBumpFee(Outpoints, new FeeRate(Money.Satoshis(3000))),
        [nameof(IChain.GetPackageLimits)] = c =>
        {
            c.GetPackageLimits(out var a, out var d);
            return (a, d);
        },
        [nameof(IChain.CheckChainLimits)] = c => c.CheckChainLimits(FakeChain.SampleTx),
        [nameof(IChain.GetFeeRateEstimate)] = c => c.GetFeeRateEstimate(6, true),
        [nameof(IChain.MaximumFeeEstimationTargetBlocks)] = c => c.MaximumFeeEstimationTargetBlocks(),
        [nameof(IChain.MempoolMinFee)] = c => c.MempoolMinFee(),
        [nameof(IChain.RelayMinFee)] = c => c.RelayMinFee(),
        [nameof(IChain.RelayIncrementalFee)] = c => c.RelayIncrementalFee(),
        [nameof(IChain.RelayDustFee)] = c => c.RelayDustFee(),
        [nameof(IChain.HavePruned)] = c => c.HavePruned(),
        [nameof(IChain.GetPruneHeight)] = c => c.GetPruneHeight(),
        [nameof(IChain.IsReadyToBroadcast)] = c => c.IsReadyToBroadcast(),
        [nameof(IChain.IsInitialBlockDownload)] = c => c.IsInitialBlockDownload(),
        [nameof(IChain.ShutdownRequested)] = c => c.ShutdownRequested(),
        [nameof(IChain.InitMessage)] = c =>
        {
            c.InitMessage("Loading wallet…");
            return null;
        },
        [nameof(IChain.InitWarning)] = c =>
        {
            c.InitWarning(new BilingualString("warn", "Warnung"));
            return null;
        },
        [nameof(IChain.InitError)] = c =>
        {
            c.InitError(BilingualString.Untranslated("bad"));
            return null;
        },
        [nameof(IChain.ShowProgress)] = c =>
        {
            c.ShowProgress("Rescanning…", 40, true);
            return null;
        },
        [nameof(IChain.HandleNotifications)] = c =>
        {
            var notifications = new RecordingNotifications();
            using var handler = c.HandleNotifications(notifications);
            handler.Disconnect();
            return notifications.Events;
        },
        [nameof(IChain.WaitForNotificationsIfTipChanged)] = c =>
        {
            c.WaitForNotificationsIfTipChanged(Hash);
            return null;
        },
        [nameof(IChain.WaitForNotifications)] = c =>
        {
            c.WaitForNotifications();
            return null;
        },
        [nameof(IChain.HandleRpc)] = c =>
        {
            var actor = new EchoActor();
            using var handler = c.HandleRpc(new RpcCommandInfo("wallet", "getbalance", actor, [new("minconf", false), new("options", true)], 31));
            return actor.Requests;
        },
        [nameof(IChain.RpcEnableDeprecated)] = c => (c.RpcEnableDeprecated("accounts"), c.RpcEnableDeprecated("other")),
        [nameof(IChain.GetSetting)] = c => c.GetSetting("wallet"),
        [nameof(IChain.GetSettingsList)] = c => c.GetSettingsList("wallet"),
        [nameof(IChain.GetRwSetting)] = c => c.GetRwSetting("wallet"),
        [nameof(IChain.UpdateRwSetting)] = c => c.UpdateRwSetting("wallet", new AppendingUpdate()),
        [nameof(IChain.OverwriteRwSetting)] = c => c.OverwriteRwSetting("wallet", SettingsValue.Array(SettingsValue.FromString("x")), SettingsAction.SkipWrite),
        [nameof(IChain.DeleteRwSettings)] = c => c.DeleteRwSettings("wallet", SettingsAction.Write),
        [nameof(IChain.RequestMempoolTransactions)] = c =>
        {
            var notifications = new RecordingNotifications();
            c.RequestMempoolTransactions(notifications);
            return notifications.Events;
        },
        [nameof(IChain.HasAssumedValidChain)] = c => c.HasAssumedValidChain(),
    };

    private sealed class AppendingUpdate : ISettingsUpdateCallback
    {
        public SettingsAction? Call(ref SettingsValue value)
        {
            value = SettingsValue.Array(value.Items.Append(SettingsValue.FromString("w2")));
            return SettingsAction.Write;
        }
    }

    private sealed class EchoActor : IRpcActorCallback
    {
        public List<string> Requests { get; } = [];

        public bool Call(RpcRequestInfo request, bool lastCallback, out JsonNode? response)
        {
            Requests.Add(Canon.Of(request) + " last=" + lastCallback);
            response = new JsonObject { ["method"] = request.Method, ["n"] = request.Params.Count };
            return true;
        }
    }
}
