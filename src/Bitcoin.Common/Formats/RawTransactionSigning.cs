using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>
/// Core's signrawtransactionwithkey machinery (rawtransaction_util ParsePrevouts, SignTransaction and
/// SignTransactionResultToJSON). The wallet's signrawtransactionwithwallet uses the same pieces with its own provider.
/// </summary>
public static class RawTransactionSigning
{
    /// <summary>
    /// Core's signrawtransactionwithkey: decodes the transaction (-22 "TX decode failed. Make sure the tx has at least
    /// one input."), takes WIF keys (-5 "Invalid private key"), asks <paramref name="findCoins"/> for the outputs the
    /// inputs spend (known coins only), applies <paramref name="prevTxs"/>, signs, and returns {"hex", "complete",
    /// "errors"?}.
    /// </summary>
    public static JsonObject SignRawTransactionWithKey(string hex, JsonNode? privateKeys, JsonNode? prevTxs, JsonNode? sighashType,
        Func<IReadOnlyList<OutPoint>, IReadOnlyDictionary<OutPoint, TxOut>> findCoins, Network network)
    {
        var tx = TransactionDecoding.DecodeHexTx(hex)
            ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed. Make sure the tx has at least one input.");
        var keystore = new FlatSigningProvider();
        foreach (var k in privateKeys.GetArr())
        {
            var key = AddressEncoding.DecodeSecret(k.GetStr(), network)
                ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid private key");
            keystore.PubKeys.TryAdd(key.PubKey.Hash, key.PubKey);
            keystore.Keys.TryAdd(key.PubKey.Hash, key);
        }
        var coins = new Dictionary<OutPoint, TxOut>(findCoins(tx.Inputs.Select(i => i.PrevOut).ToList()));
        ParsePrevouts(prevTxs, keystore, coins);
        var result = new JsonObject();
        SignTransaction(tx, keystore, coins, sighashType, result);
        return result;
    }

    /// <summary>
    /// Core's ParsePrevouts: adds the "prevtxs" entries to <paramref name="coins"/> (amount MAX_MONEY when not given) and,
    /// with a <paramref name="keystore"/>, their redeemScript/witnessScript. Errors are Core's (-22, -8, -3).
    /// </summary>
    public static void ParsePrevouts(JsonNode? prevTxs, FlatSigningProvider? keystore, Dictionary<OutPoint, TxOut> coins)
    {
        if (prevTxs.IsNull()) return;
        foreach (var p in prevTxs.GetArr())
        {
            if (!p.IsObject())
                throw new RpcException(RpcErrorCode.DeserializationError, "expected object with {\"txid'\",\"vout\",\"scriptPubKey\"}");
            var prevOut = p.GetObj();
            // Core checks the fields in key order.
            CheckField(prevOut, "scriptPubKey", JsonKind.String, allowNull: false);
            CheckField(prevOut, "txid", JsonKind.String, allowNull: false);
            CheckField(prevOut, "vout", JsonKind.Number, allowNull: false);

            var txid = RpcValues.ParseHashO(prevOut, "txid");
            int nOut = prevOut.Find("vout").GetInt32();
            if (nOut < 0) throw new RpcException(RpcErrorCode.DeserializationError, "vout cannot be negative");
            var outpoint = new OutPoint(txid, (uint)nOut);
            var scriptPubKey = Script.FromBytesUnsafe(RpcValues.ParseHexO(prevOut, "scriptPubKey"));

            if (coins.TryGetValue(outpoint, out var existing) && existing.ScriptPubKey != scriptPubKey)
            {
                throw new RpcException(RpcErrorCode.DeserializationError, "Previous output scriptPubKey mismatch:\n" +
                    ScriptFormat.ToAsm(existing.ScriptPubKey) + "\nvs:\n" + ScriptFormat.ToAsm(scriptPubKey));
            }
            long amount = SignatureProducer.MaxMoney;
            if (prevOut.ContainsKey("amount")) amount = Amounts.AmountFromValue(prevOut["amount"]);
            coins[outpoint] = new TxOut(Money.Satoshis(amount), scriptPubKey);

            var spk = scriptPubKey.ToBytes(true);
            bool isP2sh = Addresses.Internal.ScriptParsing.IsPayToScriptHash(spk);
            bool isP2wsh = Addresses.Internal.ScriptParsing.IsPayToWitnessScriptHash(spk);
            if (keystore is null || !(isP2sh || isP2wsh)) continue;

            CheckField(prevOut, "redeemScript", JsonKind.String, allowNull: true);
            CheckField(prevOut, "witnessScript", JsonKind.String, allowNull: true);
            var rs = prevOut.Find("redeemScript");
            var ws = prevOut.Find("witnessScript");
            if (rs.IsNull() && ws.IsNull()) throw new RpcException(RpcErrorCode.InvalidParameter, "Missing redeemScript/witnessScript");

            // The witness script is preferred; a redeem script is also accepted as the witness script for compatibility.
            var script = Script.FromBytesUnsafe(!ws.IsNull() ? RpcValues.ParseHexV(ws, "witnessScript") : RpcValues.ParseHexV(rs, "redeemScript"));
            keystore.Scripts.TryAdd(script.Hash, script);
            var witnessOutputScript = WitnessV0ScriptHashDestination.ForScript(script).ToScript();
            keystore.Scripts.TryAdd(witnessOutputScript.Hash, witnessOutputScript);

            if (!ws.IsNull() && !rs.IsNull() && ws.GetStr() != rs.GetStr())
            {
                var redeemScript = Script.FromBytesUnsafe(RpcValues.ParseHexV(rs, "redeemScript"));
                if (redeemScript != witnessOutputScript)
                    throw new RpcException(RpcErrorCode.InvalidParameter, "redeemScript does not correspond to witnessScript");
            }
            if (isP2sh)
            {
                if (scriptPubKey != ScriptHashDestination.ForScript(script).ToScript() &&
                    scriptPubKey != ScriptHashDestination.ForScript(witnessOutputScript).ToScript())
                    throw new RpcException(RpcErrorCode.InvalidParameter, "redeemScript/witnessScript does not match scriptPubKey");
            }
            else if (scriptPubKey != witnessOutputScript)
            {
                throw new RpcException(RpcErrorCode.InvalidParameter, "redeemScript/witnessScript does not match scriptPubKey");
            }
        }
    }

    /// <summary>
    /// Core's SignTransaction RPC helper: signs <paramref name="tx"/> in place with <paramref name="provider"/> and the
    /// spent <paramref name="coins"/> using <paramref name="sighashType"/> (null means DEFAULT), then adds "hex",
    /// "complete" and, if any input failed, "errors" to <paramref name="result"/>. An input with a witness but no known
    /// amount is -3 "Missing amount for CTxOut(...)".
    /// </summary>
    public static void SignTransaction(Transaction tx, SigningProvider provider, IReadOnlyDictionary<OutPoint, TxOut> coins,
        JsonNode? sighashType, JsonObject result)
    {
        int hashType = SighashTypes.ParseArgument(sighashType) ?? SighashTypes.Default;
        var inputErrors = new SortedDictionary<int, string>();
        bool complete = SignatureProducer.SignTransaction(tx, provider, coins, hashType, inputErrors);
        AddSignResult(tx, complete, coins, inputErrors, result);
    }

    /// <summary>Core's SignTransactionResultToJSON.</summary>
    public static void AddSignResult(Transaction tx, bool complete, IReadOnlyDictionary<OutPoint, TxOut> coins,
        SortedDictionary<int, string> inputErrors, JsonObject result)
    {
        var errors = new JsonArray();
        foreach (var (index, message) in inputErrors)
        {
            var input = tx.Inputs[index];
            if (message == "Missing amount")
                throw new RpcException(RpcErrorCode.TypeError, "Missing amount for " + TxOutToString(coins[input.PrevOut]));
            var witness = new JsonArray();
            foreach (var item in input.WitScript.Pushes) witness.Add(Convert.ToHexString(item).ToLowerInvariant());
            errors.Add(new JsonObject
            {
                ["txid"] = input.PrevOut.Hash.ToString(),
                ["vout"] = input.PrevOut.N,
                ["witness"] = witness,
                ["scriptSig"] = ScriptJson.Hex(input.ScriptSig),
                ["sequence"] = input.Sequence.Value,
                ["error"] = message,
            });
        }
        result["hex"] = TransactionDecoding.EncodeHexTx(tx);
        result["complete"] = complete;
        if (errors.Count > 0)
        {
            if (result["errors"] is JsonArray existing)
            {
                foreach (var e in existing.ToList())
                {
                    existing.Remove(e);
                    errors.Add(e);
                }
            }
            result["errors"] = errors;
        }
    }

    /// <summary>Core's CTxOut::ToString: "CTxOut(nValue=B.SSSSSSSS, scriptPubKey=first 30 hex digits)".</summary>
    public static string TxOutToString(TxOut output)
    {
        long value = output.Value.Satoshi;
        string hex = ScriptJson.Hex(output.ScriptPubKey);
        return string.Create(CultureInfo.InvariantCulture,
            $"CTxOut(nValue={value / Amounts.Coin}.{value % Amounts.Coin:D8}, scriptPubKey={(hex.Length > 30 ? hex[..30] : hex)})");
    }

    // Core's RPCTypeCheckObj for one field.
    private static void CheckField(JsonObject obj, string key, JsonKind kind, bool allowNull)
    {
        var value = obj.Find(key);
        if (!allowNull && value.IsNull()) throw new RpcException(RpcErrorCode.TypeError, $"Missing {key}");
        var actual = value.GetKind();
        if (actual != kind && !(allowNull && actual == JsonKind.Null))
            throw new RpcException(RpcErrorCode.TypeError, $"JSON value of type {actual.TypeName()} for field {key} is not of expected type {kind.TypeName()}");
    }
}
