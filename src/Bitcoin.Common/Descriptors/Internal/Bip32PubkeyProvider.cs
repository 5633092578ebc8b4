using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>A key expression that is an xpub/xprv with a derivation path and an optional range step.</summary>
internal sealed class Bip32PubkeyProvider : PubkeyProvider
{
    private readonly ExtPubKey _root;
    private readonly uint[] _path;
    private readonly DeriveType _derive;
    private readonly bool _apostrophe;
    private readonly Network _network;

    public Bip32PubkeyProvider(uint exprIndex, ExtPubKey root, IReadOnlyList<uint> path, DeriveType derive, bool apostrophe, Network network)
        : base(exprIndex)
    {
        _root = root;
        _path = [.. path];
        _derive = derive;
        _apostrophe = apostrophe;
        _network = network;
    }

    public ExtPubKey Root => _root;

    public IReadOnlyList<uint> Path => _path;

    public DeriveType Derive => _derive;

    private HDFingerprint RootFingerprint => new(_root.PubKey.Hash.ToBytes().AsSpan(0, 4));

    private bool IsHardened => _derive == DeriveType.HardenedRanged || HDKeyPath.HasHardenedDerivation(_path);

    private ExtKey? GetExtKey(SigningProvider arg)
    {
        if (!arg.TryGetKey(_root.PubKey.Hash, out var key)) return null;
        return new ExtKey(key, _root.ChainCode, _root.Depth, _root.ParentFingerprint, _root.Child);
    }

    // Derives along the path from the root xprv; also returns the key at the last hardened step (if any).
    private bool GetDerivedExtKey(SigningProvider arg, out ExtKey xprv, out ExtKey? lastHardened)
    {
        lastHardened = null;
        xprv = GetExtKey(arg)!;
        if (xprv is null) return false;
        foreach (uint entry in _path)
        {
            if (!Bip32.TryDerive(xprv, entry, out xprv)) return false;
            if ((entry & HDKeyPath.HardenedFlag) != 0) lastHardened = xprv;
        }
        return true;
    }

    public override bool IsRange => _derive != DeriveType.NonRanged;

    public override int Size => 33;

    public override bool IsBip32 => true;

    public override PubKey? GetPubKey(int pos, SigningProvider arg, FlatSigningProvider output, DescriptorCache? readCache = null, DescriptorCache? writeCache = null)
    {
        var infoPath = new List<uint>(_path);
        if (_derive == DeriveType.UnhardenedRanged) infoPath.Add((uint)pos);
        if (_derive == DeriveType.HardenedRanged) infoPath.Add((uint)pos | HDKeyPath.HardenedFlag);
        var info = new KeyOriginInfo(RootFingerprint, infoPath);

        ExtPubKey finalKey = _root;
        ExtPubKey parentKey = _root;
        ExtPubKey? lastHardenedKey = null;
        bool ok = true;
        if (readCache is not null)
        {
            if (!readCache.TryGetCachedDerivedExtPubKey(ExprIndex, (uint)pos, out finalKey))
            {
                if (_derive == DeriveType.HardenedRanged) return null;
                if (!readCache.TryGetCachedParentExtPubKey(ExprIndex, out parentKey)) return null;
                finalKey = parentKey;
                if (_derive == DeriveType.UnhardenedRanged) ok = Bip32.TryDerive(parentKey, (uint)pos, out finalKey);
            }
        }
        else if (IsHardened)
        {
            if (!GetDerivedExtKey(arg, out var xprv, out var lhXprv)) return null;
            parentKey = xprv.Neuter();
            if (_derive == DeriveType.UnhardenedRanged) ok = Bip32.TryDerive(xprv, (uint)pos, out xprv);
            if (_derive == DeriveType.HardenedRanged) ok = Bip32.TryDerive(xprv, (uint)pos | HDKeyPath.HardenedFlag, out xprv);
            finalKey = xprv.Neuter();
            if (lhXprv is not null) lastHardenedKey = lhXprv.Neuter();
        }
        else
        {
            foreach (uint entry in _path)
            {
                if (!Bip32.TryDerive(parentKey, entry, out parentKey)) return null;
            }
            finalKey = parentKey;
            if (_derive == DeriveType.UnhardenedRanged) ok = Bip32.TryDerive(parentKey, (uint)pos, out finalKey);
        }
        if (!ok) return null;

        var pubkey = finalKey.PubKey;
        output.Origins.TryAdd(pubkey.Hash, (pubkey, info));
        output.PubKeys.TryAdd(pubkey.Hash, pubkey);

        if (writeCache is not null)
        {
            // Only cache the parent if there is unhardened derivation after it.
            if (_derive != DeriveType.HardenedRanged)
            {
                writeCache.CacheParentExtPubKey(ExprIndex, parentKey);
                if (lastHardenedKey is not null) writeCache.CacheLastHardenedExtPubKey(ExprIndex, lastHardenedKey);
            }
            else if (info.Path.Count > 0)
            {
                writeCache.CacheDerivedExtPubKey(ExprIndex, (uint)pos, finalKey);
            }
        }
        return pubkey;
    }

    private string ToString(KeyStringType type, bool normalized)
    {
        bool useApostrophe = (!normalized && _apostrophe) || type == KeyStringType.Compat;
        string ret = AddressEncoding.EncodeExtPubKey(_root, _network) + HDKeyPath.Format(_path, useApostrophe);
        if (IsRange)
        {
            ret += "/*";
            if (_derive == DeriveType.HardenedRanged) ret += useApostrophe ? "'" : "h";
        }
        return ret;
    }

    public override string ToString(KeyStringType type) => ToString(type, normalized: false);

    public override bool ToPrivateString(SigningProvider arg, out string result)
    {
        var key = GetExtKey(arg);
        if (key is null)
        {
            result = ToString(KeyStringType.Public);
            return false;
        }
        result = AddressEncoding.EncodeExtKey(key, _network) + HDKeyPath.Format(_path, _apostrophe);
        if (IsRange)
        {
            result += "/*";
            if (_derive == DeriveType.HardenedRanged) result += _apostrophe ? "'" : "h";
        }
        return true;
    }

    public override bool ToNormalizedString(SigningProvider arg, out string result, DescriptorCache? cache)
    {
        result = "";
        if (_derive == DeriveType.HardenedRanged)
        {
            result = ToString(KeyStringType.Public, normalized: true);
            return true;
        }
        int i = _path.Length - 1;
        for (; i >= 0; i--)
        {
            if ((_path[i] & HDKeyPath.HardenedFlag) != 0) break;
        }
        if (i == -1)
        {
            result = ToString(KeyStringType.Public);
            return true;
        }
        var originPath = _path[..(i + 1)];
        var endPath = _path[(i + 1)..];

        ExtPubKey? xpub = null;
        if (cache is not null && cache.TryGetCachedLastHardenedExtPubKey(ExprIndex, out var cached)) xpub = cached;
        if (xpub is null)
        {
            if (!GetDerivedExtKey(arg, out _, out var lhXprv) || lhXprv is null) return false;
            xpub = lhXprv.Neuter();
        }
        string originStr = RootFingerprint.ToString() + HDKeyPath.Format(originPath, apostrophe: false);
        result = "[" + originStr + "]" + AddressEncoding.EncodeExtPubKey(xpub, _network) + HDKeyPath.Format(endPath, apostrophe: false);
        if (IsRange) result += "/*";
        return true;
    }

    public override void GetPrivKey(int pos, SigningProvider arg, FlatSigningProvider output)
    {
        if (!GetDerivedExtKey(arg, out var extkey, out _)) return;
        if (_derive == DeriveType.UnhardenedRanged && !Bip32.TryDerive(extkey, (uint)pos, out extkey)) return;
        if (_derive == DeriveType.HardenedRanged && !Bip32.TryDerive(extkey, (uint)pos | HDKeyPath.HardenedFlag, out extkey)) return;
        output.Keys.TryAdd(extkey.PrivateKey.PubKey.Hash, extkey.PrivateKey);
    }

    public override PubKey? GetRootPubKey() => null;

    public override ExtPubKey? GetRootExtPubKey() => _root;

    public override PubkeyProvider Clone() => new Bip32PubkeyProvider(ExprIndex, _root, _path, _derive, _apostrophe, _network);

    public override bool CanSelfExpand => !IsHardened;
}
