using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using NBitcoin;
using NBitcoin.DataEncoders;

namespace Bitcoin.Common.Psbt;

/// <summary>The JSON of Core's decodepsbt and analyzepsbt, keys in Core's order.</summary>
public static class PsbtJson
{
    /// <summary>Core's decodepsbt result for <paramref name="psbt"/>.</summary>
    public static JsonObject Decode(PartiallySignedTransaction psbt, Network network)
    {
        ArgumentNullException.ThrowIfNull(psbt);
        ArgumentNullException.ThrowIfNull(network);
        var result = new JsonObject();
        if (psbt.Version < 2)
            result["tx"] = TransactionJson.TxToUniv(psbt.GetUnsignedTx()!, network, includeHex: false);

        var xpubs = new JsonArray();
        foreach (var (origin, set) in psbt.Xpubs)
        {
            foreach (var xpub in set)
            {
                xpubs.Add(new JsonObject
                {
                    ["xpub"] = Encoders.Base58Check.EncodeData(xpub.Encoded),
                    ["master_fingerprint"] = Hex(origin.Fingerprint.ToBytes()),
                    ["path"] = HDKeyPath.Write(origin.Path, apostrophe: false),
                });
            }
        }
        result["global_xpubs"] = xpubs;

        if (psbt.Version >= 2)
        {
            result["tx_version"] = psbt.TxVersion;
            if (psbt.FallbackLocktime is uint fallback) result["fallback_locktime"] = fallback;
            result["input_count"] = psbt.Inputs.Count;
            result["output_count"] = psbt.Outputs.Count;
            if (psbt.TxModifiable is byte flags)
            {
                result["inputs_modifiable"] = (flags & 1) != 0;
                result["outputs_modifiable"] = (flags & 2) != 0;
                result["has_sighash_single"] = (flags & 4) != 0;
            }
        }
        result["psbt_version"] = psbt.Version;
        result["proprietary"] = Proprietary(psbt.Proprietary);
        result["unknown"] = Unknown(psbt.Unknown);

        long totalIn = 0;
        bool haveAllUtxos = true;
        var inputs = new JsonArray();
        foreach (var input in psbt.Inputs)
        {
            inputs.Add(DecodeInput(psbt, input, network, ref totalIn, ref haveAllUtxos));
        }
        result["inputs"] = inputs;

        long outputValue = 0;
        var outputs = new JsonArray();
        foreach (var output in psbt.Outputs)
        {
            outputs.Add(DecodeOutput(psbt, output, network));
            if (Amounts.MoneyRange(output.Amount) && Amounts.MoneyRange(outputValue + output.Amount)) outputValue += output.Amount;
            else haveAllUtxos = false;
        }
        result["outputs"] = outputs;
        if (haveAllUtxos) result["fee"] = Amounts.ToJson(totalIn - outputValue);
        return result;
    }

    /// <summary>Core's analyzepsbt result for an analysis.</summary>
    public static JsonObject Analysis(PsbtAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var result = new JsonObject();
        var inputs = new JsonArray();
        foreach (var input in analysis.Inputs)
        {
            var obj = new JsonObject
            {
                ["has_utxo"] = input.HasUtxo,
                ["is_final"] = input.IsFinal,
                ["next"] = PsbtOperations.RoleName(input.Next),
            };
            var missing = new JsonObject();
            if (input.MissingPubKeys.Count != 0)
                missing["pubkeys"] = new JsonArray([.. input.MissingPubKeys.Select(k => (JsonNode)Hex(k.ToBytes()))]);
            if (input.MissingRedeemScript is { } redeem && redeem != uint160.Zero) missing["redeemscript"] = Hex(redeem.ToBytes());
            if (input.MissingWitnessScript is { } witness && witness != uint256.Zero) missing["witnessscript"] = Hex(witness.ToBytes());
            if (input.MissingSigs.Count != 0)
                missing["signatures"] = new JsonArray([.. input.MissingSigs.Select(k => (JsonNode)Hex(k.ToBytes()))]);
            if (missing.Count != 0) obj["missing"] = missing;
            inputs.Add(obj);
        }
        if (inputs.Count != 0) result["inputs"] = inputs;
        if (analysis.EstimatedVsize is long vsize) result["estimated_vsize"] = vsize;
        if (analysis.EstimatedFeeRatePerKvB is long rate) result["estimated_feerate"] = Amounts.ToJson(rate);
        if (analysis.Fee is long fee) result["fee"] = Amounts.ToJson(fee);
        result["next"] = PsbtOperations.RoleName(analysis.Next);
        if (analysis.Error.Length != 0) result["error"] = analysis.Error;
        return result;
    }

    private static JsonObject DecodeInput(PartiallySignedTransaction psbt, PsbtInput input, Network network, ref long totalIn, ref bool haveAllUtxos)
    {
        var o = new JsonObject();
        bool haveUtxo = false;
        TxOut? txout = null;
        if (input.WitnessUtxo is not null)
        {
            txout = input.WitnessUtxo;
            o["witness_utxo"] = new JsonObject
            {
                ["amount"] = Amounts.ToJson(txout.Value.Satoshi),
                ["scriptPubKey"] = ScriptJson.ScriptToUniv(txout.ScriptPubKey, network, includeHex: true, includeAddress: true),
            };
            haveUtxo = true;
        }
        if (input.NonWitnessUtxo is not null)
        {
            txout = input.NonWitnessUtxo.Outputs[(int)input.PrevOut];
            o["non_witness_utxo"] = TransactionJson.TxToUniv(input.NonWitnessUtxo, network, includeHex: false);
            haveUtxo = true;
        }
        if (haveUtxo)
        {
            long value = txout!.Value.Satoshi;
            if (Amounts.MoneyRange(value) && Amounts.MoneyRange(totalIn + value)) totalIn += value;
            else haveAllUtxos = false;
        }
        else
        {
            haveAllUtxos = false;
        }

        if (input.PartialSigs.Count != 0)
        {
            var sigs = new JsonObject();
            foreach (var (_, (pubkey, sig)) in input.PartialSigs) sigs[Hex(pubkey.ToBytes())] = Hex(sig);
            o["partial_signatures"] = sigs;
        }
        if (input.SighashType is int sighash) o["sighash"] = SighashTypes.ToName(unchecked((byte)sighash));
        if (input.RedeemScript.Length != 0) o["redeem_script"] = ScriptJson.ScriptToUniv(input.RedeemScript, network, includeHex: true, includeAddress: false);
        if (input.WitnessScript.Length != 0) o["witness_script"] = ScriptJson.ScriptToUniv(input.WitnessScript, network, includeHex: true, includeAddress: false);
        if (input.HdKeypaths.Count != 0) o["bip32_derivs"] = KeyPaths(input.HdKeypaths);
        if (input.FinalScriptSig.Length != 0)
        {
            o["final_scriptSig"] = new JsonObject
            {
                ["asm"] = ScriptFormat.ToAsm(input.FinalScriptSig, attemptSighashDecode: true),
                ["hex"] = Hex(input.FinalScriptSig.ToBytes(true)),
            };
        }
        if (input.FinalScriptWitness.Count != 0) o["final_scriptwitness"] = new JsonArray([.. input.FinalScriptWitness.Select(w => (JsonNode)Hex(w))]);
        AddPreimages(o, "ripemd160_preimages", input.Ripemd160Preimages);
        AddPreimages(o, "sha256_preimages", input.Sha256Preimages);
        AddPreimages(o, "hash160_preimages", input.Hash160Preimages);
        AddPreimages(o, "hash256_preimages", input.Hash256Preimages);

        if (psbt.Version >= 2)
        {
            o["previous_txid"] = input.PrevTxid.ToString();
            o["previous_vout"] = input.PrevOut;
            if (input.Sequence is uint sequence) o["sequence"] = sequence;
            if (input.TimeLocktime is uint time) o["time_locktime"] = time;
            if (input.HeightLocktime is uint height) o["height_locktime"] = height;
        }

        if (input.TapKeySig.Length != 0) o["taproot_key_path_sig"] = Hex(input.TapKeySig);
        if (input.TapScriptSigs.Count != 0)
        {
            var sigs = new JsonArray();
            foreach (var ((xonly, leafHash), sig) in input.TapScriptSigs)
            {
                sigs.Add(new JsonObject
                {
                    ["pubkey"] = xonly.ToString(),
                    ["leaf_hash"] = Hex(leafHash.ToBytes()),
                    ["sig"] = Hex(sig),
                });
            }
            o["taproot_script_path_sigs"] = sigs;
        }
        if (input.TapScripts.Count != 0)
        {
            var scripts = new JsonArray();
            foreach (var (leaf, blocks) in input.TapScripts)
            {
                scripts.Add(new JsonObject
                {
                    ["script"] = Hex(leaf.Script),
                    ["leaf_ver"] = leaf.LeafVersion,
                    ["control_blocks"] = new JsonArray([.. blocks.Select(b => (JsonNode)Hex(b))]),
                });
            }
            o["taproot_scripts"] = scripts;
        }
        if (input.TapBip32Paths.Count != 0) o["taproot_bip32_derivs"] = TaprootKeyPaths(input.TapBip32Paths);
        if (!input.TapInternalKey.IsNull) o["taproot_internal_key"] = input.TapInternalKey.ToString();
        if (input.TapMerkleRoot != uint256.Zero) o["taproot_merkle_root"] = Hex(input.TapMerkleRoot.ToBytes());
        if (input.Musig2Participants.Count != 0) o["musig2_participant_pubkeys"] = Musig2Participants(input.Musig2Participants);
        if (input.Musig2PubNonces.Count != 0) o["musig2_pubnonces"] = Musig2Values(input.Musig2PubNonces, "pubnonce");
        if (input.Musig2PartialSigs.Count != 0) o["musig2_partial_sigs"] = Musig2Values(input.Musig2PartialSigs, "partial_sig");
        if (input.Proprietary.Count != 0) o["proprietary"] = Proprietary(input.Proprietary);
        if (input.Unknown.Count != 0) o["unknown"] = Unknown(input.Unknown);
        return o;
    }

    private static JsonObject DecodeOutput(PartiallySignedTransaction psbt, PsbtOutput output, Network network)
    {
        var o = new JsonObject();
        if (output.RedeemScript.Length != 0) o["redeem_script"] = ScriptJson.ScriptToUniv(output.RedeemScript, network, includeHex: true, includeAddress: false);
        if (output.WitnessScript.Length != 0) o["witness_script"] = ScriptJson.ScriptToUniv(output.WitnessScript, network, includeHex: true, includeAddress: false);
        if (output.HdKeypaths.Count != 0) o["bip32_derivs"] = KeyPaths(output.HdKeypaths);
        if (psbt.Version >= 2)
        {
            o["amount"] = Amounts.ToJson(output.Amount);
            o["script"] = ScriptJson.ScriptToUniv(output.Script, network, includeHex: true, includeAddress: true);
        }
        if (!output.TapInternalKey.IsNull) o["taproot_internal_key"] = output.TapInternalKey.ToString();
        if (output.TapTree.Count != 0)
        {
            var tree = new JsonArray();
            foreach (var (depth, leafVersion, script) in output.TapTree)
                tree.Add(new JsonObject { ["depth"] = depth, ["leaf_ver"] = leafVersion, ["script"] = Hex(script) });
            o["taproot_tree"] = tree;
        }
        if (output.TapBip32Paths.Count != 0) o["taproot_bip32_derivs"] = TaprootKeyPaths(output.TapBip32Paths);
        if (output.Musig2Participants.Count != 0) o["musig2_participant_pubkeys"] = Musig2Participants(output.Musig2Participants);
        if (output.Proprietary.Count != 0) o["proprietary"] = Proprietary(output.Proprietary);
        if (output.Unknown.Count != 0) o["unknown"] = Unknown(output.Unknown);
        return o;
    }

    private static JsonArray KeyPaths(SortedDictionary<PubKey, KeyOriginInfo> paths)
    {
        var array = new JsonArray();
        foreach (var (pubkey, origin) in paths)
        {
            array.Add(new JsonObject
            {
                ["pubkey"] = Hex(pubkey.ToBytes()),
                ["master_fingerprint"] = Hex(origin.Fingerprint.ToBytes()),
                ["path"] = HDKeyPath.Write(origin.Path, apostrophe: false),
            });
        }
        return array;
    }

    private static JsonArray TaprootKeyPaths(SortedDictionary<XOnlyPubKey, (SortedSet<uint256> LeafHashes, KeyOriginInfo Origin)> paths)
    {
        var array = new JsonArray();
        foreach (var (xonly, (hashes, origin)) in paths)
        {
            array.Add(new JsonObject
            {
                ["pubkey"] = xonly.ToString(),
                ["master_fingerprint"] = Hex(origin.Fingerprint.ToBytes()),
                ["path"] = HDKeyPath.Write(origin.Path, apostrophe: false),
                ["leaf_hashes"] = new JsonArray([.. hashes.Select(h => (JsonNode)Hex(h.ToBytes()))]),
            });
        }
        return array;
    }

    private static JsonArray Musig2Participants(SortedDictionary<PubKey, List<PubKey>> participants)
    {
        var array = new JsonArray();
        foreach (var (aggregate, parts) in participants)
        {
            array.Add(new JsonObject
            {
                ["aggregate_pubkey"] = Hex(aggregate.ToBytes()),
                ["participant_pubkeys"] = new JsonArray([.. parts.Select(p => (JsonNode)Hex(p.ToBytes()))]),
            });
        }
        return array;
    }

    private static JsonArray Musig2Values(SortedDictionary<(PubKey Aggregate, uint256 LeafHash), SortedDictionary<PubKey, byte[]>> map, string valueKey)
    {
        var array = new JsonArray();
        foreach (var ((aggregate, leafHash), values) in map)
        {
            foreach (var (participant, value) in values)
            {
                var info = new JsonObject
                {
                    ["participant_pubkey"] = Hex(participant.ToBytes()),
                    ["aggregate_pubkey"] = Hex(aggregate.ToBytes()),
                };
                if (leafHash != uint256.Zero) info["leaf_hash"] = Hex(leafHash.ToBytes());
                info[valueKey] = Hex(value);
                array.Add(info);
            }
        }
        return array;
    }

    private static void AddPreimages(JsonObject o, string key, SortedDictionary<byte[], byte[]> preimages)
    {
        if (preimages.Count == 0) return;
        var obj = new JsonObject();
        foreach (var (hash, preimage) in preimages) obj[Hex(hash)] = Hex(preimage);
        o[key] = obj;
    }

    private static JsonArray Proprietary(SortedSet<PsbtProprietary> records)
    {
        var array = new JsonArray();
        foreach (var p in records)
        {
            array.Add(new JsonObject
            {
                ["identifier"] = Hex(p.Identifier),
                ["subtype"] = p.Subtype,
                ["key"] = Hex(p.Key),
                ["value"] = Hex(p.Value),
            });
        }
        return array;
    }

    private static JsonObject Unknown(SortedDictionary<byte[], byte[]> unknown)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in unknown) obj[Hex(k)] = Hex(v);
        return obj;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
