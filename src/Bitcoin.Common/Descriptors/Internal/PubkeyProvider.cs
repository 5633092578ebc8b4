using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>A key expression of a descriptor (Core's PubkeyProvider): produces the public key at a position.</summary>
internal abstract class PubkeyProvider(uint exprIndex)
{
    /// <summary>The position of this key expression in the descriptor (counting from 0).</summary>
    public uint ExprIndex { get; } = exprIndex;

    /// <summary>
    /// Derives the key at <paramref name="pos"/>, recording it and its origin in <paramref name="output"/>; reads from
    /// <paramref name="readCache"/> when given, otherwise derives (using private keys from <paramref name="arg"/> for
    /// hardened steps) and fills <paramref name="writeCache"/>. Null when it cannot be derived.
    /// </summary>
    public abstract PubKey? GetPubKey(int pos, SigningProvider arg, FlatSigningProvider output,
        DescriptorCache? readCache = null, DescriptorCache? writeCache = null);

    /// <summary>Whether the key depends on the position.</summary>
    public abstract bool IsRange { get; }

    /// <summary>Size in bytes of the produced key in scripts (33, 65, or 32 for musig).</summary>
    public abstract int Size { get; }

    /// <summary>The key expression text.</summary>
    public abstract string ToString(KeyStringType type);

    /// <summary>The key expression with private keys where <paramref name="arg"/> has them; true if it had any.</summary>
    public abstract bool ToPrivateString(SigningProvider arg, out string result);

    /// <summary>The key expression with the xpub at the last hardened step and h for hardened; false if that needs a private key not available.</summary>
    public abstract bool ToNormalizedString(SigningProvider arg, out string result, DescriptorCache? cache);

    /// <summary>Derives the private key at <paramref name="pos"/> into <paramref name="output"/> if <paramref name="arg"/> has it.</summary>
    public abstract void GetPrivKey(int pos, SigningProvider arg, FlatSigningProvider output);

    /// <summary>Whether the private data for this key is in <paramref name="arg"/>.</summary>
    public virtual bool HavePrivateKeys(SigningProvider arg)
    {
        var tmp = new FlatSigningProvider();
        GetPrivKey(0, arg, tmp);
        return tmp.Keys.Count != 0;
    }

    /// <summary>The plain key if this is a constant key expression.</summary>
    public abstract PubKey? GetRootPubKey();

    /// <summary>The root xpub if this is a BIP32 key expression.</summary>
    public abstract ExtPubKey? GetRootExtPubKey();

    /// <summary>A deep copy.</summary>
    public abstract PubkeyProvider Clone();

    /// <summary>Whether this is a BIP32 key that can be derived from.</summary>
    public abstract bool IsBip32 { get; }

    /// <summary>The number of keys this expression stands for (participants plus the aggregate for musig).</summary>
    public virtual int KeyCount => 1;

    /// <summary>Whether keys can be produced without a cache or private keys (no hardened steps).</summary>
    public abstract bool CanSelfExpand { get; }

    /// <summary>Core's ordering of key providers by their key at position 0 (used for miniscript duplicate-key checks).</summary>
    public int CompareKeys(PubkeyProvider other)
    {
        var dummy = new FlatSigningProvider();
        var a = GetPubKey(0, dummy, dummy);
        var b = other.GetPubKey(0, dummy, new FlatSigningProvider());
        if (a is null || b is null) return (a is not null).CompareTo(b is not null);
        return PubKeyOrder.Compare(a, b);
    }
}
