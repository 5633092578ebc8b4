using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

internal sealed partial class ChainServer
{
    public override ValueTask FindCoinsAsync(CallContext<M.Chain.FindCoinsParams, M.Chain.FindCoinsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var outpoints = call.Params.Coins.Select(static pair => W.ToOutPoint(pair.Key.GetData())).ToList();
            var found = impl.FindCoins(outpoints);
            // Only coins found come back: the caller's map keeps what it did not get as spent.
            var list = call.Results.InitCoins(found.Count);
            var i = 0;
            foreach (var (outpoint, coin) in found)
            {
                list[i].Key.SetData(W.FromOutPoint(outpoint));
                list[i].Value.SetData(CoinSerialization.Write(coin));
                i++;
            }
        });

    public override ValueTask IsRBFOptInAsync(CallContext<M.Chain.IsRBFOptInParams, M.Chain.IsRBFOptInResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = (int)impl.IsRbfOptIn(W.ToTransaction(call.Params.Tx));
        });

    public override ValueTask IsInMempoolAsync(CallContext<M.Chain.IsInMempoolParams, M.Chain.IsInMempoolResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsInMempool(W.ToHash(call.Params.Txid, "txid"));
        });

    public override ValueTask HasDescendantsInMempoolAsync(CallContext<M.Chain.HasDescendantsInMempoolParams, M.Chain.HasDescendantsInMempoolResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.HasDescendantsInMempool(W.ToHash(call.Params.Txid, "txid"));
        });

    public override ValueTask BroadcastTransactionAsync(CallContext<M.Chain.BroadcastTransactionParams, M.Chain.BroadcastTransactionResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.BroadcastTransaction(W.ToTransaction(p.Tx), Money.Satoshis(p.MaxTxFee),
                CommonConversions.ToEnum<TxBroadcastMethod>(p.BroadcastMethod, "broadcast method"), out var error);
            r.SetError(error);
        });

    public override ValueTask GetTransactionAncestryAsync(CallContext<M.Chain.GetTransactionAncestryParams, M.Chain.GetTransactionAncestryResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            impl.GetTransactionAncestry(W.ToHash(call.Params.Txid, "txid"), out var ancestors, out var clusterCount, out var ancestorSize, out var ancestorFees);
            var r = call.Results;
            r.Ancestors = (ulong)ancestors;
            r.Descendants = (ulong)clusterCount;
            r.Ancestorsize = (ulong)ancestorSize;
            r.Ancestorfees = ancestorFees.Satoshi;
        });

    public override ValueTask CalculateIndividualBumpFeesAsync(CallContext<M.Chain.CalculateIndividualBumpFeesParams, M.Chain.CalculateIndividualBumpFeesResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var fees = impl.CalculateIndividualBumpFees(p.Outpoints.Select(static o => W.ToOutPoint(o)).ToList(), W.ToFeeRate(p.TargetFeerate));
            var list = call.Results.InitResult(fees.Count);
            var i = 0;
            foreach (var (outpoint, fee) in fees)
            {
                var item = list[i++];
                item.Key.SetData(W.FromOutPoint(outpoint));
                item.Value = fee.Satoshi;
            }
        });

    public override ValueTask CalculateCombinedBumpFeeAsync(CallContext<M.Chain.CalculateCombinedBumpFeeParams, M.Chain.CalculateCombinedBumpFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var fee = impl.CalculateCombinedBumpFee(p.Outpoints.Select(static o => W.ToOutPoint(o)).ToList(), W.ToFeeRate(p.TargetFeerate));
            var r = call.Results;
            r.Result = fee?.Satoshi ?? 0;
            r.HasResult = fee is not null;
        });

    public override ValueTask GetPackageLimitsAsync(CallContext<M.Chain.GetPackageLimitsParams, M.Chain.GetPackageLimitsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            impl.GetPackageLimits(out var ancestors, out var descendants);
            var r = call.Results;
            r.Ancestors = ancestors;
            r.Descendants = descendants;
        });

    public override ValueTask CheckChainLimitsAsync(CallContext<M.Chain.CheckChainLimitsParams, M.Chain.CheckChainLimitsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var error = impl.CheckChainLimits(W.ToTransaction(call.Params.Tx));
            var result = call.Results.InitResult();
            if (error is not null) CommonConversions.Write(error, result.InitError());
        });

    public override ValueTask EstimateSmartFeeAsync(CallContext<M.Chain.EstimateSmartFeeParams, M.Chain.EstimateSmartFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            // The branch's method, answered from Core master's estimate: the rate (zero when there is none) and the
            // targets. The estimator's bucket statistics are not part of IChain and stay zero.
            var p = call.Params;
            var estimate = impl.GetFeeRateEstimate(p.NumBlocks, p.Conservative);
            var r = call.Results;
            r.SetResult(W.FromFeeRate(estimate.Succeeded ? estimate.FeeRate : new FeeRate(Money.Zero)));
            if (p.WantCalc)
            {
                var calc = r.InitCalc();
                calc.DesiredTarget = p.NumBlocks;
                calc.ReturnedTarget = estimate.ReturnedTarget;
            }
        });

    public override ValueTask GetFeeRateEstimateAsync(CallContext<M.Chain.GetFeeRateEstimateParams, M.Chain.GetFeeRateEstimateResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var estimate = impl.GetFeeRateEstimate(call.Params.NumBlocks, call.Params.Conservative);
            var r = call.Results;
            ChainConversions.Write(estimate, r.InitResult());
            r.HasError = estimate.Error is not null;
            if (estimate.Error is not null) r.SetError(estimate.Error);
        });

    public override ValueTask EstimateMaxBlocksAsync(CallContext<M.Chain.EstimateMaxBlocksParams, M.Chain.EstimateMaxBlocksResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.MaximumFeeEstimationTargetBlocks();
        });

    public override ValueTask MempoolMinFeeAsync(CallContext<M.Chain.MempoolMinFeeParams, M.Chain.MempoolMinFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => call.Results.SetResult(W.FromFeeRate(impl.MempoolMinFee())));

    public override ValueTask RelayMinFeeAsync(CallContext<M.Chain.RelayMinFeeParams, M.Chain.RelayMinFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => call.Results.SetResult(W.FromFeeRate(impl.RelayMinFee())));

    public override ValueTask RelayIncrementalFeeAsync(CallContext<M.Chain.RelayIncrementalFeeParams, M.Chain.RelayIncrementalFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => call.Results.SetResult(W.FromFeeRate(impl.RelayIncrementalFee())));

    public override ValueTask RelayDustFeeAsync(CallContext<M.Chain.RelayDustFeeParams, M.Chain.RelayDustFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => call.Results.SetResult(W.FromFeeRate(impl.RelayDustFee())));
}
