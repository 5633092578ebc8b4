using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors.Internal;
using Bitcoin.Common.Descriptors.Miniscript;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>
/// Core's script/sign.cpp: produces scriptSigs and witnesses for the standard templates, P2SH, P2WSH, taproot key
/// and script paths, and miniscript (P2WSH and tapscript), reusing signatures already present.
/// </summary>
public static partial class SignatureProducer
{
    /// <summary>
    /// Core's ProduceSignature: signs <paramref name="fromPubKey"/> as far as <paramref name="provider"/> allows,
    /// updating <paramref name="sigdata"/> (scriptSig, witness, what is missing). Returns whether the result verifies.
    /// </summary>
    public static bool ProduceSignature(SigningProvider provider, SignatureCreator creator, Script fromPubKey, SignatureData sigdata)
    {
        if (sigdata.Complete) return true;

        bool solved = SignStep(provider, creator, fromPubKey, out var result, out var whichType, SigVersion.Base, sigdata);
        bool p2sh = false;
        Script subscript = Script.Empty;

        if (solved && whichType == TxoutType.ScriptHash)
        {
            // The solver returned the redeem script; sign it and put it last in the scriptSig.
            subscript = Script.FromBytesUnsafe(result[0]);
            sigdata.RedeemScript = subscript;
            solved = SignStep(provider, creator, subscript, out result, out whichType, SigVersion.Base, sigdata) && whichType != TxoutType.ScriptHash;
            p2sh = true;
        }

        if (solved && whichType == TxoutType.WitnessV0KeyHash)
        {
            var witnessScript = new ScriptBuilder().Op(ScriptOpcodes.OP_DUP).Op(ScriptOpcodes.OP_HASH160).Push(result[0])
                .Op(ScriptOpcodes.OP_EQUALVERIFY).Op(ScriptOpcodes.OP_CHECKSIG).ToScript();
            solved = SignStep(provider, creator, witnessScript, out result, out _, SigVersion.WitnessV0, sigdata);
            sigdata.ScriptWitness = result;
            sigdata.Witness = true;
            result = [];
        }
        else if (solved && whichType == TxoutType.WitnessV0ScriptHash)
        {
            var witnessScript = Script.FromBytesUnsafe(result[0]);
            sigdata.WitnessScript = witnessScript;
            solved = SignStep(provider, creator, witnessScript, out result, out var subType, SigVersion.WitnessV0, sigdata) &&
                     subType is not (TxoutType.ScriptHash or TxoutType.WitnessV0ScriptHash or TxoutType.WitnessV0KeyHash);
            // A script the templates cannot solve may still be miniscript; partial multisig results are kept as they are.
            if (!solved && result.Count == 0)
            {
                var satisfier = new WshSatisfier(provider, sigdata, creator, witnessScript);
                var ms = MiniscriptDecoder.FromScript(witnessScript.ToBytes(true), satisfier);
                solved = ms is not null && ms.Satisfy(satisfier, out result) == Availability.Yes;
            }
            result.Add(witnessScript.ToBytes(true));
            sigdata.ScriptWitness = result;
            sigdata.Witness = true;
            result = [];
        }
        else if (whichType == TxoutType.WitnessV1Taproot && !p2sh)
        {
            sigdata.Witness = true;
            if (solved) sigdata.ScriptWitness = result;
            result = [];
        }
        else if (solved && whichType == TxoutType.WitnessUnknown)
        {
            sigdata.Witness = true;
        }

        if (!sigdata.Witness) sigdata.ScriptWitness = [];
        if (p2sh) result.Add(subscript.ToBytes(true));
        sigdata.ScriptSig = PushAll(result);
        sigdata.Complete = solved && creator.VerifySolution(sigdata.ScriptSig, sigdata.ScriptWitness, fromPubKey);
        return sigdata.Complete;
    }

    /// <summary>Core's PushAll: a scriptSig pushing the elements, using OP_0, OP_1..OP_16 and OP_1NEGATE where they fit.</summary>
    public static Script PushAll(IReadOnlyList<byte[]> values)
    {
        var b = new ScriptBuilder();
        foreach (var v in values)
        {
            if (v.Length == 0) b.Op(ScriptOpcodes.OP_0);
            else if (v.Length == 1 && v[0] >= 1 && v[0] <= 16) b.Op(ScriptOpcodes.EncodeOpN(v[0]));
            else if (v.Length == 1 && v[0] == 0x81) b.Op(ScriptOpcodes.OP_1NEGATE);
            else b.Push(v);
        }
        return b.ToScript();
    }

    private static bool TryGetScript(SigningProvider provider, SignatureData sigdata, ScriptId id, out Script script)
    {
        if (provider.TryGetScript(id, out script)) return true;
        if (sigdata.RedeemScript.Hash == id)
        {
            script = sigdata.RedeemScript;
            return true;
        }
        if (sigdata.WitnessScript.Hash == id)
        {
            script = sigdata.WitnessScript;
            return true;
        }
        return false;
    }

    internal static bool TryGetPubKey(SigningProvider provider, SignatureData sigdata, KeyId id, out PubKey pubkey)
    {
        if (sigdata.Signatures.TryGetValue(id, out var sig))
        {
            pubkey = sig.PubKey;
            return true;
        }
        if (sigdata.MiscPubKeys.TryGetValue(id, out var misc))
        {
            pubkey = misc.PubKey;
            return true;
        }
        return provider.TryGetPubKey(id, out pubkey!);
    }

    internal static bool CreateSig(SignatureCreator creator, SignatureData sigdata, SigningProvider provider, byte[] pubkey,
        Script scriptCode, SigVersion sigVersion, out byte[] sig)
    {
        var keyId = CoreHashes.KeyIdOf(pubkey);
        if (sigdata.Signatures.TryGetValue(keyId, out var existing))
        {
            sig = existing.Signature;
            return true;
        }
        PubKey? parsed = PubKeyBytes.TryParse(pubkey, out var pk) ? pk : null;
        if (parsed is not null && provider.TryGetKeyOrigin(keyId, out var info)) sigdata.MiscPubKeys.TryAdd(keyId, (parsed, info));
        if (parsed is not null && creator.TryCreateSig(provider, keyId, scriptCode, sigVersion, out sig))
        {
            sigdata.Signatures[keyId] = (parsed, sig);
            return true;
        }
        sig = [];
        sigdata.MissingSigs.Add(keyId);
        return false;
    }

    internal static bool CreateTaprootScriptSig(SignatureCreator creator, SignatureData sigdata, SigningProvider provider, XOnlyPubKey pubkey,
        uint256 leafHash, SigVersion sigVersion, out byte[] sig)
    {
        if (provider.TryGetKeyOriginByXOnly(pubkey, out var info))
        {
            if (sigdata.TaprootMiscPubKeys.TryGetValue(pubkey, out var entry)) entry.LeafHashes.Add(leafHash);
            else sigdata.TaprootMiscPubKeys[pubkey] = ([leafHash], info);
        }
        if (sigdata.TaprootScriptSigs.TryGetValue((pubkey, leafHash), out var existing))
        {
            sig = existing;
            return true;
        }
        if (creator.TryCreateSchnorrSig(provider, pubkey, leafHash, null, sigVersion, out sig))
        {
            sigdata.TaprootScriptSigs[(pubkey, leafHash)] = sig;
            return true;
        }
        return false;
    }

    private static bool SignStep(SigningProvider provider, SignatureCreator creator, Script scriptPubKey, out List<byte[]> ret,
        out TxoutType whichType, SigVersion sigVersion, SignatureData sigdata)
    {
        ret = [];
        whichType = ScriptSolver.Solve(scriptPubKey, out var solutions);
        switch (whichType)
        {
            case TxoutType.NonStandard:
            case TxoutType.NullData:
            case TxoutType.WitnessUnknown:
                return false;
            case TxoutType.PubKey:
            {
                if (!CreateSig(creator, sigdata, provider, solutions[0], scriptPubKey, sigVersion, out var sig)) return false;
                ret.Add(sig);
                return true;
            }
            case TxoutType.PubKeyHash:
            {
                var keyId = new KeyId(solutions[0]);
                if (!TryGetPubKey(provider, sigdata, keyId, out var pubkey))
                {
                    sigdata.MissingPubKeys.Add(keyId);
                    return false;
                }
                if (!CreateSig(creator, sigdata, provider, pubkey.ToBytes(), scriptPubKey, sigVersion, out var sig)) return false;
                ret.Add(sig);
                ret.Add(pubkey.ToBytes());
                return true;
            }
            case TxoutType.ScriptHash:
            {
                if (TryGetScript(provider, sigdata, new ScriptId(solutions[0]), out var script))
                {
                    ret.Add(script.ToBytes(true));
                    return true;
                }
                sigdata.MissingRedeemScript = new uint160(solutions[0]);
                return false;
            }
            case TxoutType.Multisig:
            {
                int required = solutions[0][0];
                ret.Add([]); // The extra element CHECKMULTISIG pops.
                for (int i = 1; i < solutions.Count - 1; i++)
                {
                    // Every signature is attempted so sigdata learns all it can.
                    if (CreateSig(creator, sigdata, provider, solutions[i], scriptPubKey, sigVersion, out var sig) && ret.Count < required + 1)
                        ret.Add(sig);
                }
                bool ok = ret.Count == required + 1;
                while (ret.Count < required + 1) ret.Add([]);
                return ok;
            }
            case TxoutType.WitnessV0KeyHash:
                ret.Add(solutions[0]);
                return true;
            case TxoutType.WitnessV0ScriptHash:
            {
                if (TryGetScript(provider, sigdata, new ScriptId(CoreHashes.Ripemd160(solutions[0])), out var script))
                {
                    ret.Add(script.ToBytes(true));
                    return true;
                }
                sigdata.MissingWitnessScript = new uint256(solutions[0]);
                return false;
            }
            case TxoutType.WitnessV1Taproot:
                return SignTaproot(provider, creator, new XOnlyPubKey(solutions[0]), sigdata, out ret);
            case TxoutType.Anchor:
                return true;
        }
        return false;
    }

    private static bool SignTaproot(SigningProvider provider, SignatureCreator creator, XOnlyPubKey output, SignatureData sigdata, out List<byte[]> result)
    {
        result = [];
        if (provider.TryGetTaprootSpendData(output, out var spenddata)) sigdata.TaprootSpendData.Merge(spenddata);

        var internalKey = sigdata.TaprootSpendData.InternalKey;
        if (!internalKey.IsNull && provider.TryGetKeyOriginByXOnly(internalKey, out var internalInfo))
            sigdata.TaprootMiscPubKeys.TryAdd(internalKey, ([], internalInfo));
        if (provider.TryGetKeyOriginByXOnly(output, out var outputInfo))
            sigdata.TaprootMiscPubKeys.TryAdd(output, ([], outputInfo));

        // Key path: first the internal key tweaked by the Merkle root, then the output key itself (rawtr).
        if (sigdata.TaprootKeyPathSig.Length == 0 && !internalKey.IsNull)
        {
            byte[] root = sigdata.TaprootSpendData.MerkleRoot?.ToBytes() ?? [];
            if (creator.TryCreateSchnorrSig(provider, internalKey, null, root, SigVersion.Taproot, out var sig)) sigdata.TaprootKeyPathSig = sig;
        }
        if (sigdata.TaprootKeyPathSig.Length == 0)
        {
            if (creator.TryCreateSchnorrSig(provider, output, null, null, SigVersion.Taproot, out var sig)) sigdata.TaprootKeyPathSig = sig;
        }
        if (sigdata.TaprootKeyPathSig.Length > 0)
        {
            result = [sigdata.TaprootKeyPathSig];
            return true;
        }

        // Script path: the smallest witness among the leaves that can be satisfied.
        List<byte[]>? smallest = null;
        foreach (var (key, controlBlocks) in sigdata.TaprootSpendData.Scripts)
        {
            if (!SignTaprootScript(provider, creator, sigdata, key.LeafVersion, key.Script.ToArray(), out var stack)) continue;
            stack.Add(key.Script.ToArray());
            stack.Add(controlBlocks.Min!);
            if (smallest is null || SerializedSize(stack) < SerializedSize(smallest)) smallest = stack;
        }
        if (smallest is not null)
        {
            result = smallest;
            return true;
        }
        return false;
    }

    private static bool SignTaprootScript(SigningProvider provider, SignatureCreator creator, SignatureData sigdata, int leafVersion,
        byte[] script, out List<byte[]> result)
    {
        result = [];
        // Only BIP342 tapscript leaves can be signed.
        if (leafVersion != TaprootHashes.LeafTapscript) return false;
        var leafHash = new uint256(TaprootHashes.LeafHash(leafVersion, script));
        var satisfier = new TapSatisfier(provider, sigdata, creator, leafHash);
        var ms = MiniscriptDecoder.FromScript(script, satisfier);
        return ms is not null && ms.Satisfy(satisfier, out result) == Availability.Yes;
    }

    private static long SerializedSize(List<byte[]> stack)
        => WSHDescriptor.CompactSizeLength(stack.Count) + stack.Sum(e => WSHDescriptor.CompactSizeLength(e.Length) + e.Length);
}
