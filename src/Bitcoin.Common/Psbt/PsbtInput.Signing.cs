using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

// Core's PSBTInput::FillSignatureData / FromSignatureData.
public sealed partial class PsbtInput
{
    /// <summary>Puts what this input knows into <paramref name="sigdata"/> (a final input makes it complete).</summary>
    public void FillSignatureData(SignatureData sigdata)
    {
        ArgumentNullException.ThrowIfNull(sigdata);
        if (FinalScriptSig.Length != 0)
        {
            sigdata.ScriptSig = FinalScriptSig;
            sigdata.Complete = true;
        }
        if (FinalScriptWitness.Count != 0)
        {
            sigdata.ScriptWitness = [.. FinalScriptWitness];
            sigdata.Complete = true;
        }
        if (sigdata.Complete) return;

        foreach (var (id, sig) in PartialSigs) sigdata.Signatures.TryAdd(id, sig);
        if (RedeemScript.Length != 0) sigdata.RedeemScript = RedeemScript;
        if (WitnessScript.Length != 0) sigdata.WitnessScript = WitnessScript;
        foreach (var (pubkey, origin) in HdKeypaths) sigdata.MiscPubKeys.TryAdd(pubkey.Hash, (pubkey, origin));
        if (TapKeySig.Length != 0) sigdata.TaprootKeyPathSig = TapKeySig;
        foreach (var (k, sig) in TapScriptSigs) sigdata.TaprootScriptSigs.TryAdd(k, sig);
        if (!TapInternalKey.IsNull) sigdata.TaprootSpendData.InternalKey = TapInternalKey;
        if (TapMerkleRoot != uint256.Zero) sigdata.TaprootSpendData.MerkleRoot = TapMerkleRoot;
        foreach (var (leaf, blocks) in TapScripts) sigdata.TaprootSpendData.Scripts.AddIfAbsent(leaf, CopySet(blocks));
        foreach (var (xonly, (hashes, origin)) in TapBip32Paths)
            sigdata.TaprootMiscPubKeys.TryAdd(xonly, (new HashSet<uint256>(hashes), origin));
        AddPreimages(sigdata.Ripemd160Preimages, Ripemd160Preimages);
        AddPreimages(sigdata.Sha256Preimages, Sha256Preimages);
        AddPreimages(sigdata.Hash160Preimages, Hash160Preimages);
        AddPreimages(sigdata.Hash256Preimages, Hash256Preimages);
    }

    /// <summary>
    /// Takes back what signing learned: a complete result becomes the final scriptSig and witness (partial signatures,
    /// key paths and scripts are dropped); otherwise signatures, scripts, key origins, taproot data and preimages are added.
    /// </summary>
    public void FromSignatureData(SignatureData sigdata)
    {
        ArgumentNullException.ThrowIfNull(sigdata);
        if (sigdata.Complete)
        {
            PartialSigs.Clear();
            HdKeypaths.Clear();
            RedeemScript = Script.Empty;
            WitnessScript = Script.Empty;
            if (sigdata.ScriptSig.Length != 0) FinalScriptSig = sigdata.ScriptSig;
            if (sigdata.ScriptWitness.Count != 0) FinalScriptWitness = [.. sigdata.ScriptWitness];
            return;
        }

        foreach (var (id, sig) in sigdata.Signatures) PartialSigs.AddIfAbsent(id, sig);
        if (RedeemScript.Length == 0 && sigdata.RedeemScript.Length != 0) RedeemScript = sigdata.RedeemScript;
        if (WitnessScript.Length == 0 && sigdata.WitnessScript.Length != 0) WitnessScript = sigdata.WitnessScript;
        foreach (var (_, (pubkey, origin)) in sigdata.MiscPubKeys) HdKeypaths.AddIfAbsent(pubkey, origin);
        if (sigdata.TaprootKeyPathSig.Length != 0) TapKeySig = sigdata.TaprootKeyPathSig;
        foreach (var (k, sig) in sigdata.TaprootScriptSigs) TapScriptSigs.AddIfAbsent(k, sig);
        if (!sigdata.TaprootSpendData.InternalKey.IsNull) TapInternalKey = sigdata.TaprootSpendData.InternalKey;
        if (sigdata.TaprootSpendData.MerkleRoot is { } root && root != uint256.Zero) TapMerkleRoot = root;
        foreach (var (leaf, blocks) in sigdata.TaprootSpendData.Scripts) TapScripts.AddIfAbsent(leaf, CopySet(blocks));
        foreach (var (xonly, (hashes, origin)) in sigdata.TaprootMiscPubKeys)
            TapBip32Paths.AddIfAbsent(xonly, (new SortedSet<uint256>(hashes, ByteComparers.Uint256), origin));
        TakePreimages(Ripemd160Preimages, sigdata.Ripemd160Preimages);
        TakePreimages(Sha256Preimages, sigdata.Sha256Preimages);
        TakePreimages(Hash160Preimages, sigdata.Hash160Preimages);
        TakePreimages(Hash256Preimages, sigdata.Hash256Preimages);
    }

    private static void AddPreimages(Dictionary<string, byte[]> into, SortedDictionary<byte[], byte[]> from)
    {
        foreach (var (hash, preimage) in from) into.TryAdd(Convert.ToHexString(hash), preimage);
    }

    private static void TakePreimages(SortedDictionary<byte[], byte[]> into, Dictionary<string, byte[]> from)
    {
        foreach (var (hash, preimage) in from) into.AddIfAbsent(Convert.FromHexString(hash), preimage);
    }
}
