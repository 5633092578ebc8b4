using Bitcoin.Common.Addresses;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Spend.Internal;
using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>The wallet's outputs as coin selection candidates (Core's AvailableCoins and FetchSelectedInputs).</summary>
public static class SpendableCoins
{
    /// <summary>
    /// Core's AvailableCoins: unspent wallet outputs that are mature, not conflicted, in the chain or the mempool,
    /// safe (unless unsafe ones are allowed), within the depth range, not chosen already, not locked, not reused (on
    /// avoid_reuse wallets); by output type, with spending sizes, and with <paramref name="feeRate"/> fees and ancestor
    /// bump fees. Unconfirmed TRUC outputs are kept only from the most valuable such transaction.
    /// </summary>
    public static CoinsResult AvailableCoins(DescriptorWallet wallet, SpendCoinControl? coinControl, TxFeeRate? feeRate, CoinFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        filter ??= new CoinFilter();
        var result = new CoinsResult();
        var unconfirmedTruc = new List<(OutputType Type, CoinOutput Output)>();
        var trucValueByTxid = new Dictionary<uint256, long>();
        bool allowUsed = !wallet.IsWalletFlagSet(WalletFlags.AvoidReuse) || (coinControl is not null && !coinControl.AvoidAddressReuse);
        int minDepth = coinControl?.MinDepth ?? SpendCoinControl.DefaultMinDepth;
        int maxDepth = coinControl?.MaxDepth ?? SpendCoinControl.DefaultMaxDepth;
        bool onlySafe = coinControl is null || !coinControl.IncludeUnsafeInputs;
        uint version = coinControl?.Version ?? SpendCoinControl.DefaultWalletTxVersion;
        bool canGrindR = InputSizes.CanGrindR(wallet);
        var outpoints = new List<OutPoint>();
        var chain = wallet.RequireChain();

        lock (wallet.SyncRoot)
        {
            var trustedParents = new HashSet<uint256>();
            var txCache = new Dictionary<uint256, (bool Ok, bool Safe)>();
            foreach (var (outpoint, txo) in wallet.Txos)
            {
                var wtx = txo.Transaction;
                var output = txo.Output;
                if (txCache.TryGetValue(outpoint.Hash, out var cached) && !cached.Ok) continue;
                int depth = wallet.GetTxDepthInMainChain(wtx);

                if (!txCache.ContainsKey(outpoint.Hash))
                {
                    txCache[outpoint.Hash] = (false, false);
                    if (wallet.IsTxImmatureCoinBase(wtx) && !filter.IncludeImmatureCoinbase) continue;
                    if (depth < 0) continue;
                    // Outputs of transactions not even in our mempool may be conflicted in ways the wallet cannot see.
                    if (depth == 0 && !wtx.InMempool) continue;
                    bool safe = wallet.IsTrusted(wtx, trustedParents);
                    // A replacement and the transaction it replaces could both end up confirmed after a reorg: their
                    // outputs are not safe to build on.
                    if (depth == 0 && (wtx.ReplacesTxid is not null || wtx.ReplacedByTxid is not null)) safe = false;
                    if (depth == 0 && filter.CheckVersionTrucness)
                    {
                        if (version == CoinSelector.TrucVersion)
                        {
                            if (wtx.Tx.Version != CoinSelector.TrucVersion) continue;
                            if (wtx.TrucChildInMempool is not null) continue;
                            chain.GetTransactionAncestry(wtx.TxId, out long ancestors, out _, out _, out _);
                            // A parent of its own: spending it would make a third generation.
                            if (ancestors > 1) continue;
                        }
                        else if (wtx.Tx.Version == CoinSelector.TrucVersion)
                        {
                            continue;
                        }
                    }
                    if (onlySafe && !safe) continue;
                    if (depth < minDepth || depth > maxDepth) continue;
                    txCache[outpoint.Hash] = (true, safe);
                }

                bool txSafe = txCache[outpoint.Hash].Safe;
                long value = output.Value.Satoshi;
                if (value < filter.MinAmount || value > filter.MaxAmount) continue;
                if (coinControl is not null && coinControl.HasSelected && coinControl.IsSelected(outpoint)) continue;
                if (wallet.IsLockedCoin(outpoint) && filter.SkipLocked) continue;
                if (wallet.IsSpent(outpoint)) continue;
                if (!allowUsed && wallet.IsSpentKey(output.ScriptPubKey)) continue;

                bool fromMe = wallet.IsFromMe(wtx);
                var provider = wallet.GetSolvingProvider(output.ScriptPubKey);
                int inputBytes = InputSizes.MaximumSignedInputSize(output, new OutPoint(), provider, canGrindR, coinControl, wallet.Network);
                bool solvable = inputBytes > -1;

                var type = ScriptSolver.Solve(output.ScriptPubKey, out var solutions);
                bool fromP2sh = false;
                if (type == TxoutType.ScriptHash && solvable)
                {
                    if (provider is null || !provider.TryGetScript(new ScriptId(solutions[0]), out var redeem)) continue;
                    type = ScriptSolver.Solve(redeem, out _);
                    fromP2sh = true;
                }
                var outputType = OutputTypeOf(type, fromP2sh);
                var coin = new CoinOutput(outpoint, output, depth, inputBytes, solvable, txSafe, wtx.GetTxTime(), fromMe, feeRate);
                if (wtx.Tx.Version == CoinSelector.TrucVersion && depth == 0 && filter.CheckVersionTrucness)
                {
                    unconfirmedTruc.Add((outputType, coin));
                    trucValueByTxid[wtx.TxId] = trucValueByTxid.GetValueOrDefault(wtx.TxId) + value;
                }
                else
                {
                    result.Add(outputType, coin);
                }
                outpoints.Add(outpoint);

                if (filter.MinSumAmount != CoinFilterMaxMoney && result.TotalAmount >= filter.MinSumAmount) return result;
                if (filter.MaxCount > 0 && result.Count >= filter.MaxCount) return result;
            }
        }

        // Only the outputs of the most valuable unconfirmed TRUC transaction: a TRUC child may have only one parent.
        if (filter.CheckVersionTrucness && unconfirmedTruc.Count > 0)
        {
            var best = trucValueByTxid.Aggregate((a, b) => b.Value > a.Value ? b : a).Key;
            foreach (var (type, coin) in unconfirmedTruc)
            {
                if (coin.OutPoint.Hash == best) result.Add(type, coin);
            }
        }

        if (feeRate is { } rate)
        {
            var bumpFees = chain.CalculateIndividualBumpFees(outpoints, rate.ToNBitcoin());
            foreach (var coin in result.All())
                coin.ApplyBumpFee(bumpFees.TryGetValue(coin.OutPoint, out var fee) ? fee.Satoshi : 0);
        }
        return result;
    }

    /// <summary>
    /// Core's FetchSelectedInputs: the chosen inputs as candidates (wallet outputs or external ones with their
    /// output), with spending sizes from the given weights or solving data and ancestor bump fees. Fails with Core's
    /// messages for unconfirmed TRUC mismatches, unknown and unsolvable inputs.
    /// </summary>
    public static CoinsResult FetchSelectedInputs(DescriptorWallet wallet, SpendCoinControl coinControl, CoinSelectionParams parameters, out string error)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(coinControl);
        ArgumentNullException.ThrowIfNull(parameters);
        error = "";
        var result = new CoinsResult();
        bool canGrindR = InputSizes.CanGrindR(wallet);
        var selected = coinControl.ListSelected();
        var bumpFees = wallet.RequireChain().CalculateIndividualBumpFees(selected, parameters.EffectiveFeeRate.ToNBitcoin());
        foreach (var outpoint in selected)
        {
            long inputBytes = coinControl.GetInputWeight(outpoint) is long weight ? InputSizes.VirtualSize(weight) : -1;
            TxOut txOut;
            if (wallet.GetTxo(outpoint) is { } txo)
            {
                txOut = txo.Output;
                if (inputBytes == -1) inputBytes = InputSizes.MaximumSignedInputSize(txOut, wallet, coinControl);
                var parent = txo.Transaction;
                if (wallet.GetTxDepthInMainChain(parent) == 0)
                {
                    if (parent.Tx.Version == CoinSelector.TrucVersion && coinControl.Version != CoinSelector.TrucVersion)
                    {
                        error = $"Can't spend unconfirmed version 3 pre-selected input with a version {coinControl.Version} tx";
                        return result;
                    }
                    if (coinControl.Version == CoinSelector.TrucVersion && parent.Tx.Version != CoinSelector.TrucVersion)
                    {
                        error = $"Can't spend unconfirmed version {parent.Tx.Version} pre-selected input with a version 3 tx";
                        return result;
                    }
                }
            }
            else
            {
                var external = coinControl.GetExternalOutput(outpoint);
                if (external is null)
                {
                    error = $"Not found pre-selected input {OutPointText(outpoint)}";
                    return result;
                }
                txOut = external;
            }

            if (inputBytes == -1)
                inputBytes = InputSizes.MaximumSignedInputSize(txOut, outpoint, coinControl.ExternalProvider, canGrindR, coinControl, wallet.Network);
            if (inputBytes == -1)
            {
                error = $"Not solvable pre-selected input {OutPointText(outpoint)}";
                return result;
            }

            // Depth, safety, time and origin do not matter for inputs that are not selected among.
            var coin = new CoinOutput(outpoint, txOut, 0, (int)inputBytes, true, true, 0, false, parameters.EffectiveFeeRate);
            coin.ApplyBumpFee(bumpFees.TryGetValue(outpoint, out var fee) ? fee.Satoshi : 0);
            result.Add(OutputType.Unknown, coin);
        }
        return result;
    }

    /// <summary>Core's COutPoint::ToString: "COutPoint(txid prefix, n)".</summary>
    public static string OutPointText(OutPoint outpoint) => $"COutPoint({outpoint.Hash.ToString()[..10]}, {outpoint.N})";

    private const long CoinFilterMaxMoney = 21_000_000L * 100_000_000L;

    // Core's GetOutputType(TxoutType, is_from_p2sh).
    private static OutputType OutputTypeOf(TxoutType type, bool fromP2sh) => type switch
    {
        TxoutType.WitnessV1Taproot => OutputType.Bech32m,
        TxoutType.WitnessV0KeyHash or TxoutType.WitnessV0ScriptHash => fromP2sh ? OutputType.P2shSegwit : OutputType.Bech32,
        TxoutType.ScriptHash or TxoutType.PubKeyHash => OutputType.Legacy,
        _ => OutputType.Unknown,
    };
}
