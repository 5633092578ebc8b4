using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>A key expression that is one fixed key (hex, WIF, or x-only in tapscript).</summary>
internal sealed class ConstPubkeyProvider(uint exprIndex, PubKey pubkey, bool xonly, Network network) : PubkeyProvider(exprIndex)
{
    public PubKey PubKey { get; } = pubkey;

    public bool XOnly { get; } = xonly;

    private Key? FindPrivKey(SigningProvider arg)
    {
        if (XOnly) return arg.TryGetKeyByXOnly(new XOnlyPubKey(PubKey), out var xk) ? xk : null;
        return arg.TryGetKey(PubKey.Hash, out var k) ? k : null;
    }

    public override PubKey? GetPubKey(int pos, SigningProvider arg, FlatSigningProvider output, DescriptorCache? readCache = null, DescriptorCache? writeCache = null)
    {
        var id = PubKey.Hash;
        var info = new KeyOriginInfo(new HDFingerprint(id.ToBytes().AsSpan(0, 4)), []);
        output.Origins.TryAdd(id, (PubKey, info));
        output.PubKeys.TryAdd(id, PubKey);
        return PubKey;
    }

    public override bool IsRange => false;

    public override int Size => PubKey.ToBytes().Length;

    public override bool IsBip32 => false;

    public override string ToString(KeyStringType type)
    {
        string hex = Convert.ToHexString(PubKey.ToBytes()).ToLowerInvariant();
        return XOnly ? hex[2..] : hex;
    }

    public override bool ToPrivateString(SigningProvider arg, out string result)
    {
        var key = FindPrivKey(arg);
        if (key is null)
        {
            result = ToString(KeyStringType.Public);
            return false;
        }
        result = AddressEncoding.EncodeSecret(key, network);
        return true;
    }

    public override bool ToNormalizedString(SigningProvider arg, out string result, DescriptorCache? cache)
    {
        result = ToString(KeyStringType.Public);
        return true;
    }

    public override void GetPrivKey(int pos, SigningProvider arg, FlatSigningProvider output)
    {
        var key = FindPrivKey(arg);
        if (key is null) return;
        output.Keys.TryAdd(key.PubKey.Hash, key);
    }

    public override PubKey? GetRootPubKey() => PubKey;

    public override ExtPubKey? GetRootExtPubKey() => null;

    public override PubkeyProvider Clone() => new ConstPubkeyProvider(ExprIndex, PubKey, XOnly, network);

    public override bool CanSelfExpand => true;
}
