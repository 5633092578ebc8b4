using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using NBitcoin;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

internal sealed partial class ChainProxy
{
    public IReadOnlyDictionary<OutPoint, ChainCoin> FindCoins(IReadOnlyList<OutPoint> outpoints)
    {
        var call = Client.FindCoinsRequest();
        var list = call.Params.InitCoins(outpoints.Count);
        for (var i = 0; i < outpoints.Count; i++)
        {
            list[i].Key.SetData(W.FromOutPoint(outpoints[i]));
            list[i].Value.SetData([]);
        }

        using var reply = Call(call, p => p.InitContext());
        var coins = new Dictionary<OutPoint, ChainCoin>();
        foreach (var pair in reply.Results.Coins)
        {
            var value = pair.Value.GetData();
            // An empty value is a coin the node did not find (Core's spent Coin).
            if (value.Length > 0) coins[W.ToOutPoint(pair.Key.GetData())] = CoinSerialization.Read(value);
        }

        return coins;
    }

    public RbfTransactionState IsRbfOptIn(Transaction tx)
    {
        var call = Client.IsRBFOptInRequest();
        call.Params.SetTx(W.FromTransaction(tx));
        using var reply = Call(call, p => p.InitContext());
        return CommonConversions.ToEnum<RbfTransactionState>(reply.Results.Result, "RBF state");
    }

    public bool IsInMempool(uint256 txid)
    {
        var call = Client.IsInMempoolRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool HasDescendantsInMempool(uint256 txid)
    {
        var call = Client.HasDescendantsInMempoolRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool BroadcastTransaction(Transaction tx, Money maxTxFee, TxBroadcastMethod method, out string error)
    {
        var call = Client.BroadcastTransactionRequest();
        var p = call.Params;
        p.SetTx(W.FromTransaction(tx));
        p.MaxTxFee = maxTxFee.Satoshi;
        p.BroadcastMethod = (int)method;
        using var reply = Call(call, q => q.InitContext());
        error = reply.Results.Error;
        return reply.Results.Result;
    }

    public void GetTransactionAncestry(uint256 txid, out long ancestors, out long clusterCount, out long ancestorSize, out Money ancestorFees)
    {
        var call = Client.GetTransactionAncestryRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        var r = reply.Results;
        ancestors = checked((long)r.Ancestors);
        clusterCount = checked((long)r.Descendants);
        ancestorSize = checked((long)r.Ancestorsize);
        ancestorFees = Money.Satoshis(r.Ancestorfees);
    }

    public IReadOnlyDictionary<OutPoint, Money> CalculateIndividualBumpFees(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate)
    {
        var call = Client.CalculateIndividualBumpFeesRequest();
        WriteOutpoints(call.Params.InitOutpoints(outpoints.Count), outpoints);
        call.Params.SetTargetFeerate(W.FromFeeRate(targetFeeRate));
        using var reply = Call(call, p => p.InitContext());
        var fees = new Dictionary<OutPoint, Money>();
        foreach (var pair in reply.Results.Result) fees[W.ToOutPoint(pair.Key.GetData())] = Money.Satoshis(pair.Value);
        return fees;
    }

    public Money? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate)
    {
        var call = Client.CalculateCombinedBumpFeeRequest();
        WriteOutpoints(call.Params.InitOutpoints(outpoints.Count), outpoints);
        call.Params.SetTargetFeerate(W.FromFeeRate(targetFeeRate));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.HasResult ? Money.Satoshis(reply.Results.Result) : null;
    }

    public void GetPackageLimits(out uint ancestorCount, out uint descendantCount)
    {
        using var reply = Call(Client.GetPackageLimitsRequest(), p => p.InitContext());
        ancestorCount = reply.Results.Ancestors;
        descendantCount = reply.Results.Descendants;
    }

    public BilingualString? CheckChainLimits(Transaction tx)
    {
        var call = Client.CheckChainLimitsRequest();
        call.Params.SetTx(W.FromTransaction(tx));
        using var reply = Call(call, p => p.InitContext());
        var result = reply.Results.Result;
        return CommonConversions.ReadOptional(result.Error, result.HasError);
    }

    public FeeRateEstimate GetFeeRateEstimate(int numBlocks, bool conservative)
    {
        var call = Client.GetFeeRateEstimateRequest();
        var p = call.Params;
        p.NumBlocks = numBlocks;
        p.Conservative = conservative;
        using var reply = Call(call, p => p.InitContext());
        var r = reply.Results;
        return ChainConversions.Read(r.Result, r.HasError ? (string)r.Error : null);
    }

    public uint MaximumFeeEstimationTargetBlocks() => Ask(Client.EstimateMaxBlocksRequest(), p => p.InitContext(), r => r.Result);

    public FeeRate MempoolMinFee() => Ask(Client.MempoolMinFeeRequest(), p => p.InitContext(), r => W.ToFeeRate(r.Result));

    public FeeRate RelayMinFee() => Ask(Client.RelayMinFeeRequest(), p => p.InitContext(), r => W.ToFeeRate(r.Result));

    public FeeRate RelayIncrementalFee() => Ask(Client.RelayIncrementalFeeRequest(), p => p.InitContext(), r => W.ToFeeRate(r.Result));

    public FeeRate RelayDustFee() => Ask(Client.RelayDustFeeRequest(), p => p.InitContext(), r => W.ToFeeRate(r.Result));

    private static void WriteOutpoints(global::Capnp.DataListBuilder list, IReadOnlyList<OutPoint> outpoints)
    {
        for (var i = 0; i < outpoints.Count; i++) list.Set(i, W.FromOutPoint(outpoints[i]));
    }
}
