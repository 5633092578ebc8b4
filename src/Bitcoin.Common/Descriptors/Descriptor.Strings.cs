using System.Text;
using Bitcoin.Common.Descriptors.Internal;

namespace Bitcoin.Common.Descriptors;

public abstract partial class Descriptor
{
    /// <summary>The descriptor with public keys, as parsed (keeps ' or h), with its checksum.</summary>
    public override string ToString() => ToString(compatFormat: false);

    /// <summary>
    /// The public descriptor with its checksum; with <paramref name="compatFormat"/> every hardened step is written
    /// with an apostrophe (the stable form behind <see cref="Id"/>).
    /// </summary>
    public string ToString(bool compatFormat)
    {
        ToStringHelper(null, out string ret, compatFormat ? DescriptorStringType.Compat : DescriptorStringType.Public);
        return DescriptorChecksum.Add(ret);
    }

    /// <summary>
    /// The descriptor with private keys (WIF, xprv) wherever <paramref name="provider"/> has them, with its checksum.
    /// Returns true if at least one private key was written (Core's ToPrivateString).
    /// </summary>
    public virtual bool TryGetPrivateString(SigningProvider provider, out string result)
    {
        bool hasPrivKey = ToStringHelper(provider, out string ret, DescriptorStringType.Private);
        result = DescriptorChecksum.Add(ret);
        return hasPrivKey;
    }

    /// <summary>
    /// The normalized descriptor (xpubs at their last hardened step with an origin, h for hardened), with its
    /// checksum. Fails when that needs a private key that neither <paramref name="provider"/> nor
    /// <paramref name="cache"/> can supply.
    /// </summary>
    public bool TryGetNormalizedString(SigningProvider provider, out string result, DescriptorCache? cache = null)
    {
        bool ok = ToStringHelper(provider, out string ret, DescriptorStringType.Normalized, cache);
        result = DescriptorChecksum.Add(ret);
        return ok;
    }

    private protected static string KeyString(PubkeyProvider key, SigningProvider? arg, DescriptorStringType type, DescriptorCache? cache, ref bool anySuccess, out bool failed)
    {
        failed = false;
        string tmp;
        switch (type)
        {
            case DescriptorStringType.Normalized:
                if (!key.ToNormalizedString(arg!, out tmp, cache)) failed = true;
                break;
            case DescriptorStringType.Private:
                anySuccess = key.ToPrivateString(arg!, out tmp) || anySuccess;
                break;
            case DescriptorStringType.Compat:
                tmp = key.ToString(KeyStringType.Compat);
                break;
            default:
                tmp = key.ToString(KeyStringType.Public);
                break;
        }
        return tmp;
    }

    private protected virtual bool ToStringSubScriptHelper(SigningProvider? arg, StringBuilder ret, DescriptorStringType type, DescriptorCache? cache)
    {
        bool isPrivate = type == DescriptorStringType.Private;
        bool anySuccess = !isPrivate;
        int pos = 0;
        foreach (var sub in SubdescriptorArgs)
        {
            if (pos++ > 0) ret.Append(',');
            bool subResult = sub.ToStringHelper(arg, out string tmp, type, cache);
            if (!isPrivate && !subResult) return false;
            anySuccess = anySuccess || subResult;
            ret.Append(tmp);
        }
        return anySuccess;
    }

    internal virtual bool ToStringHelper(SigningProvider? arg, out string output, DescriptorStringType type, DescriptorCache? cache = null)
    {
        output = "";
        string extra = ToStringExtra();
        int pos = extra.Length > 0 ? 1 : 0;
        var ret = new StringBuilder(Name).Append('(').Append(extra);
        bool isPrivate = type == DescriptorStringType.Private;
        bool anySuccess = !isPrivate;
        foreach (var pubkey in PubkeyArgs)
        {
            if (pos++ > 0) ret.Append(',');
            string tmp = KeyString(pubkey, arg, type, cache, ref anySuccess, out bool failed);
            if (failed) return false;
            ret.Append(tmp);
        }
        var subscript = new StringBuilder();
        bool subResult = ToStringSubScriptHelper(arg, subscript, type, cache);
        if (!isPrivate && !subResult) return false;
        anySuccess = anySuccess || subResult;
        if (pos > 0 && subscript.Length > 0) ret.Append(',');
        output = ret.Append(subscript).Append(')').ToString();
        return anySuccess;
    }
}
