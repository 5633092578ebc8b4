using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>
    /// The wallet's unspent outputs that pass <paramref name="filter"/> (the filtering of Core's AvailableCoins): not
    /// spent, not conflicted, in the chain or the mempool, within the depth range, safe unless unsafe ones are asked
    /// for, not locked, mature, within the amounts; grouped by output type in the order legacy, p2sh-segwit, bech32,
    /// bech32m, other. Coin selection builds its candidates from these.
    /// </summary>
    public IReadOnlyList<WalletOutput> ListAvailableOutputs(AvailableOutputsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = new List<WalletOutput>();
        bool allowUsed = !IsWalletFlagSet(WalletFlags.AvoidReuse) || !filter.AvoidAddressReuse;
        lock (_lock)
        {
            var trustedParents = new HashSet<uint256>();
            var txOk = new Dictionary<uint256, (bool Ok, bool Safe)>();
            long total = 0;
            foreach (var (outpoint, txo) in _txos)
            {
                var wtx = txo.Transaction;
                if (txOk.TryGetValue(outpoint.Hash, out var cached) && !cached.Ok) continue;
                int depth = GetTxDepthInMainChain(wtx);
                if (!txOk.ContainsKey(outpoint.Hash))
                {
                    txOk[outpoint.Hash] = (false, false);
                    if (IsTxImmatureCoinBase(wtx) && !filter.IncludeImmatureCoinbase) continue;
                    if (depth < 0) continue;
                    // Outputs of transactions not even in the mempool may be conflicted in ways the wallet cannot see.
                    if (depth == 0 && !wtx.InMempool) continue;
                    bool safe = IsTrusted(wtx, trustedParents);
                    // Outputs of fee bumps and of bumped transactions are unsafe: a reorg could confirm both sides.
                    if (depth == 0 && (wtx.ReplacesTxid is not null || wtx.ReplacedByTxid is not null)) safe = false;
                    if (!filter.IncludeUnsafe && !safe) continue;
                    if (depth < filter.MinDepth || depth > filter.MaxDepth) continue;
                    txOk[outpoint.Hash] = (true, safe);
                }

                var (_, txSafe) = txOk[outpoint.Hash];
                var output = txo.Output;
                if (output.Value.Satoshi < filter.MinAmount || output.Value.Satoshi > filter.MaxAmount) continue;
                if (filter.SkipLocked && IsLockedCoin(outpoint)) continue;
                if (IsSpent(outpoint)) continue;
                if (!allowUsed && IsSpentKey(output.ScriptPubKey)) continue;
                var provider = GetSolvingProvider(output.ScriptPubKey);
                bool solvable = provider is not null && Descriptor.Infer(output.ScriptPubKey, provider, Network) is { IsSolvable: true } inferred &&
                                inferred.MaxSatisfactionWeight(useMaxSig: true) is not null;
                result.Add(new WalletOutput(outpoint, output, depth, solvable, txSafe, wtx.GetTxTime(), IsFromMe(wtx), OutputTypeOf(output.ScriptPubKey, provider)));
                total += output.Value.Satoshi;
                if (filter.MinSumAmount != 21_000_000L * 100_000_000L && total >= filter.MinSumAmount) break;
                if (filter.MaxCount > 0 && result.Count >= filter.MaxCount) break;
            }
        }

        return result.OrderBy(o => (int)o.Type).ToList();
    }

    /// <summary>
    /// The available outputs, locked ones included, grouped by the address they were received on: change is followed
    /// back through first inputs to the wallet output it came from (Core's ListCoins). P2PK outputs are grouped under
    /// their key's P2PKH address.
    /// </summary>
    public IReadOnlyDictionary<TxDestination, List<WalletOutput>> ListCoins()
    {
        var result = new Dictionary<TxDestination, List<WalletOutput>>();
        lock (_lock)
        {
            foreach (var coin in ListAvailableOutputs(new AvailableOutputsFilter { SkipLocked = false, AvoidAddressReuse = false }))
            {
                var parent = FindNonChangeParentOutput(coin.OutPoint);
                if (!ScriptSolver.TryExtractDestination(parent.ScriptPubKey, out var address))
                {
                    if (address is not PubKeyDestination pk) continue;
                    address = new PubKeyHashDestination(new KeyId(NBitcoin.Crypto.Hashes.Hash160(pk.EncodedPubKey.ToArray())));
                }

                if (!result.TryGetValue(address, out var list)) result[address] = list = [];
                list.Add(coin);
            }
        }

        return result;
    }

    /// <summary>
    /// The output a change output ultimately came from: while the output is change and its transaction's first input
    /// spends a wallet output, step back to that output (Core's FindNonChangeParentOutput). The outpoint must be a
    /// wallet transaction's.
    /// </summary>
    public TxOut FindNonChangeParentOutput(OutPoint outpoint)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        lock (_lock)
        {
            var tx = (GetWalletTx(outpoint.Hash) ?? throw new ArgumentException("not a wallet transaction", nameof(outpoint))).Tx;
            int n = (int)outpoint.N;
            while (OutputIsChange(tx.Outputs[n]) && tx.Inputs.Count > 0)
            {
                var prevout = tx.Inputs[0].PrevOut;
                var previous = GetWalletTx(prevout.Hash);
                if (previous is null || previous.Tx.Outputs.Count <= prevout.N || !IsMine(previous.Tx.Outputs[(int)prevout.N])) break;
                tx = previous.Tx;
                n = (int)prevout.N;
            }

            return tx.Outputs[n];
        }
    }

    // Core's GetOutputType(TxoutType, is_from_p2sh): P2SH resolves through its known redeem script.
    private static OutputType OutputTypeOf(Script script, SigningProvider? provider)
    {
        var type = ScriptSolver.Solve(script, out var solutions);
        bool fromP2sh = false;
        if (type == TxoutType.ScriptHash && provider is not null && provider.TryGetScript(new ScriptId(solutions[0]), out var redeem))
        {
            type = ScriptSolver.Solve(redeem, out _);
            fromP2sh = true;
        }

        return type switch
        {
            TxoutType.WitnessV1Taproot => OutputType.Bech32m,
            TxoutType.WitnessV0KeyHash or TxoutType.WitnessV0ScriptHash => fromP2sh ? OutputType.P2shSegwit : OutputType.Bech32,
            TxoutType.ScriptHash or TxoutType.PubKeyHash => OutputType.Legacy,
            _ => OutputType.Unknown,
        };
    }
}
