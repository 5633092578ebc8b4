using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>A key expression with a "[fingerprint/path]" origin in front of it.</summary>
internal sealed class OriginPubkeyProvider(uint exprIndex, KeyOriginInfo origin, PubkeyProvider inner, bool apostrophe) : PubkeyProvider(exprIndex)
{
    public KeyOriginInfo Origin { get; } = origin;

    public PubkeyProvider Inner { get; } = inner;

    private string OriginString(KeyStringType type, bool normalized = false)
    {
        bool useApostrophe = (!normalized && apostrophe) || type == KeyStringType.Compat;
        return Origin.Fingerprint.ToString() + HDKeyPath.Format(Origin.Path, useApostrophe);
    }

    public override PubKey? GetPubKey(int pos, SigningProvider arg, FlatSigningProvider output, DescriptorCache? readCache = null, DescriptorCache? writeCache = null)
    {
        var pub = Inner.GetPubKey(pos, arg, output, readCache, writeCache);
        if (pub is null) return null;
        // The inner key recorded its own origin; put ours in front of it (Core edits the entry in place).
        var id = pub.Hash;
        var (pubkey, suborigin) = output.Origins[id];
        output.Origins[id] = (pubkey, suborigin.WithPrefix(Origin.Fingerprint, Origin.Path));
        return pub;
    }

    public override bool IsRange => Inner.IsRange;

    public override int Size => Inner.Size;

    public override bool IsBip32 => Inner.IsBip32;

    public override string ToString(KeyStringType type) => "[" + OriginString(type) + "]" + Inner.ToString(type);

    public override bool ToPrivateString(SigningProvider arg, out string result)
    {
        bool has = Inner.ToPrivateString(arg, out string sub);
        result = "[" + OriginString(KeyStringType.Public) + "]" + sub;
        return has;
    }

    public override bool ToNormalizedString(SigningProvider arg, out string result, DescriptorCache? cache)
    {
        result = "";
        if (!Inner.ToNormalizedString(arg, out string sub, cache)) return false;
        // A normalized BIP32 key may come back with its own origin ("[fingerprint/path]xpub..."): keep our
        // fingerprint and path, then append its path.
        if (sub.StartsWith('['))
        {
            result = "[" + OriginString(KeyStringType.Public, normalized: true) + sub[9..];
        }
        else
        {
            result = "[" + OriginString(KeyStringType.Public, normalized: true) + "]" + sub;
        }
        return true;
    }

    public override void GetPrivKey(int pos, SigningProvider arg, FlatSigningProvider output) => Inner.GetPrivKey(pos, arg, output);

    public override PubKey? GetRootPubKey() => Inner.GetRootPubKey();

    public override ExtPubKey? GetRootExtPubKey() => Inner.GetRootExtPubKey();

    public override PubkeyProvider Clone() => new OriginPubkeyProvider(ExprIndex, Origin, Inner.Clone(), apostrophe);

    public override bool CanSelfExpand => Inner.CanSelfExpand;
}
