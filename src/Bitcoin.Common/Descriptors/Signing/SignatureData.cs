using NBitcoin;

namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>
/// What is known while signing one input (Core's SignatureData): the resulting scriptSig and witness, partial
/// signatures, scripts found, taproot data, hash preimages, and what was missing.
/// </summary>
public sealed class SignatureData
{
    /// <summary>Whether the input is fully signed.</summary>
    public bool Complete { get; set; }

    /// <summary>Whether the input spends a witness program.</summary>
    public bool Witness { get; set; }

    /// <summary>The scriptSig.</summary>
    public Script ScriptSig { get; set; } = Script.Empty;

    /// <summary>The witness stack.</summary>
    public List<byte[]> ScriptWitness { get; set; } = [];

    /// <summary>The P2SH redeem script, if any (empty otherwise).</summary>
    public Script RedeemScript { get; set; } = Script.Empty;

    /// <summary>The P2WSH witness script, if any (empty otherwise).</summary>
    public Script WitnessScript { get; set; } = Script.Empty;

    /// <summary>ECDSA signatures by key id, with their keys.</summary>
    public Dictionary<KeyId, (PubKey PubKey, byte[] Signature)> Signatures { get; } = [];

    /// <summary>Keys seen with their origins, for PSBT.</summary>
    public Dictionary<KeyId, (PubKey PubKey, KeyOriginInfo Origin)> MiscPubKeys { get; } = [];

    /// <summary>The taproot key path signature (empty if none).</summary>
    public byte[] TaprootKeyPathSig { get; set; } = [];

    /// <summary>Tapscript signatures by (x-only key, leaf hash).</summary>
    public Dictionary<(XOnlyPubKey Key, uint256 LeafHash), byte[]> TaprootScriptSigs { get; } = [];

    /// <summary>Taproot keys seen with the leaves they sign for and their origins.</summary>
    public Dictionary<XOnlyPubKey, (HashSet<uint256> LeafHashes, KeyOriginInfo Origin)> TaprootMiscPubKeys { get; } = [];

    /// <summary>Taproot spending data gathered from the provider.</summary>
    public TaprootSpendData TaprootSpendData { get; } = new();

    /// <summary>Preimages by their SHA256.</summary>
    public Dictionary<string, byte[]> Sha256Preimages { get; } = [];

    /// <summary>Preimages by their HASH256.</summary>
    public Dictionary<string, byte[]> Hash256Preimages { get; } = [];

    /// <summary>Preimages by their RIPEMD160.</summary>
    public Dictionary<string, byte[]> Ripemd160Preimages { get; } = [];

    /// <summary>Preimages by their HASH160.</summary>
    public Dictionary<string, byte[]> Hash160Preimages { get; } = [];

    /// <summary>Keys needed but not found.</summary>
    public List<KeyId> MissingPubKeys { get; } = [];

    /// <summary>Keys whose signatures are needed but could not be made.</summary>
    public List<KeyId> MissingSigs { get; } = [];

    /// <summary>HASH160 of a redeem script that was needed but not found, if any.</summary>
    public uint160? MissingRedeemScript { get; set; }

    /// <summary>SHA256 of a witness script that was needed but not found, if any.</summary>
    public uint256? MissingWitnessScript { get; set; }

    /// <summary>Core's MergeSignatureData: takes a complete result wholesale, otherwise adds scripts and signatures.</summary>
    public void Merge(SignatureData other)
    {
        if (Complete) return;
        if (other.Complete)
        {
            Complete = true;
            Witness = other.Witness;
            ScriptSig = other.ScriptSig;
            ScriptWitness = other.ScriptWitness;
            RedeemScript = other.RedeemScript;
            WitnessScript = other.WitnessScript;
            foreach (var (k, v) in other.Signatures) Signatures[k] = v;
            return;
        }
        if (RedeemScript.Length == 0 && other.RedeemScript.Length != 0) RedeemScript = other.RedeemScript;
        if (WitnessScript.Length == 0 && other.WitnessScript.Length != 0) WitnessScript = other.WitnessScript;
        foreach (var (k, v) in other.Signatures) Signatures.TryAdd(k, v);
    }
}
