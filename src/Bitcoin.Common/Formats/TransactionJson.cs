using System.Text.Json.Nodes;
using Bitcoin.Common.Formats.Internal;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>Core's TxToUniv: the decoded-transaction object of decoderawtransaction, getrawtransaction and getblock.</summary>
public static class TransactionJson
{
    /// <summary>
    /// The transaction as Core's TxToUniv builds it, keys in Core's order: txid, hash, version, size, vsize, weight,
    /// locktime, vin, vout, then fee (when <paramref name="spentCoins"/> is given), blockhash (when
    /// <paramref name="blockHash"/> is given) and hex (with <paramref name="includeHex"/>). With
    /// <see cref="TxVerbosity.ShowDetailsAndPrevout"/> and spent coins, each input also shows its "prevout".
    /// <paramref name="isChange"/> marks outputs with "ischange": true (wallet transactions).
    /// </summary>
    /// <param name="spentCoins">The outputs spent by each input, in input order (block undo data); null when unknown or for a coinbase.</param>
    public static JsonObject TxToUniv(Transaction tx, Network network, uint256? blockHash = null, bool includeHex = true,
        IReadOnlyList<SpentCoin>? spentCoins = null, TxVerbosity verbosity = TxVerbosity.ShowDetails, Func<TxOut, bool>? isChange = null)
    {
        if (verbosity < TxVerbosity.ShowDetails) throw new ArgumentOutOfRangeException(nameof(verbosity));
        if (spentCoins is not null && spentCoins.Count != tx.Inputs.Count)
            throw new ArgumentException("Undo data must have one spent coin per input.", nameof(spentCoins));
        byte[] full = TransactionBytes.Serialize(tx, includeWitness: true);
        byte[] strippedBytes = TransactionBytes.HasWitness(tx) ? TransactionBytes.Serialize(tx, includeWitness: false) : full;
        int total = full.Length, stripped = strippedBytes.Length;
        int weight = stripped * 3 + total;
        var entry = new JsonObject
        {
            ["txid"] = TransactionBytes.Hash(strippedBytes).ToString(),
            ["hash"] = TransactionBytes.Hash(full).ToString(),
            ["version"] = tx.Version,
            ["size"] = total,
            ["vsize"] = (weight + 3) / 4,
            ["weight"] = weight,
            ["locktime"] = tx.LockTime.Value,
        };

        bool haveUndo = spentCoins is not null;
        long amountIn = 0, amountOut = 0;
        var vin = new JsonArray();
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var txin = tx.Inputs[i];
            var input = new JsonObject();
            if (tx.IsCoinBase)
            {
                input["coinbase"] = ScriptJson.Hex(txin.ScriptSig);
            }
            else
            {
                input["txid"] = txin.PrevOut.Hash.ToString();
                input["vout"] = txin.PrevOut.N;
                input["scriptSig"] = new JsonObject
                {
                    ["asm"] = ScriptFormat.ToAsm(txin.ScriptSig, attemptSighashDecode: true),
                    ["hex"] = ScriptJson.Hex(txin.ScriptSig),
                };
            }
            var witness = txin.WitScript.Pushes.ToArray();
            if (witness.Length > 0)
            {
                var items = new JsonArray();
                foreach (var item in witness) items.Add(Convert.ToHexString(item).ToLowerInvariant());
                input["txinwitness"] = items;
            }
            if (haveUndo)
            {
                var coin = spentCoins![i];
                amountIn += coin.Output.Value.Satoshi;
                if (verbosity == TxVerbosity.ShowDetailsAndPrevout)
                {
                    input["prevout"] = new JsonObject
                    {
                        ["generated"] = coin.IsCoinBase,
                        ["height"] = coin.Height,
                        ["value"] = Amounts.ToJson(coin.Output.Value.Satoshi),
                        ["scriptPubKey"] = ScriptJson.ScriptToUniv(coin.Output.ScriptPubKey, network),
                    };
                }
            }
            input["sequence"] = txin.Sequence.Value;
            vin.Add(input);
        }
        entry["vin"] = vin;

        var vout = new JsonArray();
        for (int i = 0; i < tx.Outputs.Count; i++)
        {
            var txout = tx.Outputs[i];
            var output = new JsonObject
            {
                ["value"] = Amounts.ToJson(txout.Value.Satoshi),
                ["n"] = i,
                ["scriptPubKey"] = ScriptJson.ScriptToUniv(txout.ScriptPubKey, network),
            };
            if (isChange is not null && isChange(txout)) output["ischange"] = true;
            vout.Add(output);
            if (haveUndo) amountOut += txout.Value.Satoshi;
        }
        entry["vout"] = vout;

        if (haveUndo)
        {
            long fee = amountIn - amountOut;
            if (!Amounts.MoneyRange(fee)) throw new InvalidOperationException($"Fee {fee} is out of the money range");
            entry["fee"] = Amounts.ToJson(fee);
        }
        if (blockHash is not null && blockHash != uint256.Zero) entry["blockhash"] = blockHash.ToString();
        if (includeHex) entry["hex"] = Convert.ToHexString(full).ToLowerInvariant();
        return entry;
    }

    /// <summary>Serialized size with witness data and without (Core's ComputeTotalSize and the stripped size).</summary>
    public static (int Total, int Stripped) Sizes(Transaction tx)
    {
        int total = TransactionBytes.Serialize(tx, includeWitness: true).Length;
        int stripped = TransactionBytes.HasWitness(tx) ? TransactionBytes.Serialize(tx, includeWitness: false).Length : total;
        return (total, stripped);
    }

    /// <summary>Core's GetTransactionWeight: stripped size × 3 + total size.</summary>
    public static int Weight(Transaction tx)
    {
        var (total, stripped) = Sizes(tx);
        return stripped * 3 + total;
    }
}
