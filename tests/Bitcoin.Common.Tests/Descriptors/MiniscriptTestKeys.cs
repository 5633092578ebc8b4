using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Internal;
using Bitcoin.Common.Descriptors.Miniscript;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>
/// Core's miniscript_tests KeyConverter: keys written as hex, key hashes resolved among the 255 test keys whose
/// private keys are 31 zero bytes followed by 1..255.
/// </summary>
internal sealed class MiniscriptTestKeys(MiniscriptContext ctx)
    : IMiniscriptStringParser<PubKey>, IMiniscriptScriptParser<PubKey>, IMiniscriptScriptMaker<PubKey>, IMiniscriptStringMaker<PubKey>
{
    private static readonly Lazy<(List<PubKey> Keys, Dictionary<string, PubKey> ByHash)> s_keys = new(() =>
    {
        var keys = new List<PubKey>();
        var byHash = new Dictionary<string, PubKey>();
        for (int i = 1; i <= 255; i++)
        {
            var secret = new byte[32];
            secret[31] = (byte)i;
            var pub = new Key(secret).PubKey;
            keys.Add(pub);
            byHash[pub.Hash.ToString()] = pub;
            byHash[Convert.ToHexString(NBitcoin.Crypto.Hashes.Hash160(new XOnlyPubKey(pub).Bytes.ToArray()).ToBytes())] = pub;
        }
        return (keys, byHash);
    });

    public static IReadOnlyList<PubKey> Keys => s_keys.Value.Keys;

    public MiniscriptContext MsContext { get; } = ctx;

    public int CompareKeys(PubKey a, PubKey b) => PubKeyOrder.Compare(a, b);

    public bool TryFromString(string text, out PubKey key)
    {
        key = null!;
        if (!DescriptorText.IsHex(text)) return false;
        return PubKey.TryCreatePubKey(Convert.FromHexString(text), out key!);
    }

    public bool TryFromPKBytes(byte[] bytes, out PubKey key)
    {
        key = null!;
        if (!MiniscriptLimits.IsTapscript(MsContext)) return PubKey.TryCreatePubKey(bytes, out key!);
        if (bytes.Length != 32) return false;
        key = new XOnlyPubKey(bytes).EvenPubKey;
        return true;
    }

    public bool TryFromPKHBytes(byte[] hash, out PubKey key)
    {
        var map = s_keys.Value.ByHash;
        if (map.TryGetValue(new KeyId(hash).ToString(), out key!)) return true;
        return map.TryGetValue(Convert.ToHexString(hash), out key!);
    }

    public byte[] ToPKBytes(PubKey key) => MiniscriptLimits.IsTapscript(MsContext) ? new XOnlyPubKey(key).Bytes.ToArray() : key.ToBytes();

    public byte[] ToPKHBytes(PubKey key)
        => MiniscriptLimits.IsTapscript(MsContext)
            ? NBitcoin.Crypto.Hashes.Hash160(new XOnlyPubKey(key).Bytes.ToArray()).ToBytes()
            : key.Hash.ToBytes();

    public string? ToString(PubKey key, out bool hasPrivateKey)
    {
        hasPrivateKey = false;
        return Convert.ToHexString(ToPKBytes(key)).ToLowerInvariant();
    }
}
