using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors.Miniscript;
using Bitcoin.Common.Descriptors.Signing;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>What both miniscript satisfiers share (Core's Satisfier): timelocks from the creator, preimages from the signature data.</summary>
internal abstract class SatisfierBase<TKey>(SigningProvider provider, SignatureData sigdata, SignatureCreator creator, MiniscriptContext ctx)
{
    protected SigningProvider Provider { get; } = provider;
    protected SignatureData SigData { get; } = sigdata;
    protected SignatureCreator Creator { get; } = creator;

    public MiniscriptContext MsContext { get; } = ctx;

    public bool CheckAfter(uint value) => Creator.CheckLockTime(value);

    public bool CheckOlder(uint value) => Creator.CheckSequence(value);

    public Availability SatSha256(byte[] hash, out byte[] preimage) => Lookup(SigData.Sha256Preimages, hash, out preimage);

    public Availability SatRipemd160(byte[] hash, out byte[] preimage) => Lookup(SigData.Ripemd160Preimages, hash, out preimage);

    public Availability SatHash256(byte[] hash, out byte[] preimage) => Lookup(SigData.Hash256Preimages, hash, out preimage);

    public Availability SatHash160(byte[] hash, out byte[] preimage) => Lookup(SigData.Hash160Preimages, hash, out preimage);

    private static Availability Lookup(Dictionary<string, byte[]> map, byte[] hash, out byte[] preimage)
    {
        if (map.TryGetValue(Convert.ToHexString(hash), out var p))
        {
            preimage = p;
            return Availability.Yes;
        }
        preimage = [];
        return Availability.No;
    }

    // A key hash may be of an x-only key: the provider and the signature data are both asked.
    protected bool TryPubKeyFromHash(byte[] hash, out PubKey pubkey)
    {
        var id = new KeyId(hash);
        if (SignatureProducer.TryGetPubKey(Provider, SigData, id, out pubkey)) return true;
        SigData.MissingPubKeys.Add(id);
        return false;
    }
}

/// <summary>Satisfies miniscript in P2WSH (Core's WshSatisfier): full keys, ECDSA signatures over the witness script.</summary>
internal sealed class WshSatisfier(SigningProvider provider, SignatureData sigdata, SignatureCreator creator, Script witnessScript)
    : SatisfierBase<PubKey>(provider, sigdata, creator, MiniscriptContext.P2WSH), IMiniscriptScriptParser<PubKey>, IMiniscriptSatisfier<PubKey>
{
    public int CompareKeys(PubKey a, PubKey b) => PubKeyOrder.Compare(a, b);

    public bool TryFromPKBytes(byte[] bytes, out PubKey key) => PubKeyBytes.TryParse(bytes, out key!);

    public bool TryFromPKHBytes(byte[] hash, out PubKey key) => TryPubKeyFromHash(hash, out key);

    public byte[] ToPKBytes(PubKey key) => key.ToBytes();

    public Availability Sign(PubKey key, out byte[] signature)
        => SignatureProducer.CreateSig(Creator, SigData, Provider, key.ToBytes(), witnessScript, SigVersion.WitnessV0, out signature)
            ? Availability.Yes : Availability.No;
}

/// <summary>Satisfies miniscript in tapscript (Core's TapSatisfier): x-only keys, BIP340 signatures for the leaf.</summary>
internal sealed class TapSatisfier(SigningProvider provider, SignatureData sigdata, SignatureCreator creator, uint256 leafHash)
    : SatisfierBase<XOnlyPubKey>(provider, sigdata, creator, MiniscriptContext.Tapscript), IMiniscriptScriptParser<XOnlyPubKey>, IMiniscriptSatisfier<XOnlyPubKey>
{
    public int CompareKeys(XOnlyPubKey a, XOnlyPubKey b) => a.CompareTo(b);

    public bool TryFromPKBytes(byte[] bytes, out XOnlyPubKey key)
    {
        key = default;
        if (bytes.Length != 32) return false;
        key = new XOnlyPubKey(bytes);
        return true;
    }

    public bool TryFromPKHBytes(byte[] hash, out XOnlyPubKey key)
    {
        key = default;
        if (!TryPubKeyFromHash(hash, out var pubkey)) return false;
        key = new XOnlyPubKey(pubkey);
        return true;
    }

    public byte[] ToPKBytes(XOnlyPubKey key) => key.Bytes.ToArray();

    public Availability Sign(XOnlyPubKey key, out byte[] signature)
        => SignatureProducer.CreateTaprootScriptSig(Creator, SigData, Provider, key, leafHash, SigVersion.Tapscript, out signature)
            ? Availability.Yes : Availability.No;
}
