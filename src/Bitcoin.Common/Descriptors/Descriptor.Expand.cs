using NBitcoin;

namespace Bitcoin.Common.Descriptors;

public abstract partial class Descriptor
{
    /// <summary>
    /// Produces the output scripts at <paramref name="pos"/> (ignored if not ranged). Keys, scripts, origins and
    /// taproot trees needed to solve them are added to <paramref name="output"/>; private keys for hardened derivation
    /// come from <paramref name="provider"/>; <paramref name="writeCache"/> receives the xpubs needed to expand again
    /// without private keys. Returns false (and adds nothing) if a key cannot be derived.
    /// </summary>
    public bool Expand(int pos, SigningProvider provider, out List<Script> outputScripts, FlatSigningProvider output, DescriptorCache? writeCache = null)
        => ExpandHelper(pos, provider, null, out outputScripts, output, writeCache);

    /// <summary>Like <see cref="Expand"/> but takes every derived key from <paramref name="readCache"/>.</summary>
    public bool ExpandFromCache(int pos, DescriptorCache readCache, out List<Script> outputScripts, FlatSigningProvider output)
        => ExpandHelper(pos, SigningProvider.Empty, readCache, out outputScripts, output, null);

    /// <summary>Adds the private keys at <paramref name="pos"/> that <paramref name="provider"/> can derive to <paramref name="output"/>.</summary>
    public void ExpandPrivate(int pos, SigningProvider provider, FlatSigningProvider output)
    {
        foreach (var p in PubkeyArgs) p.GetPrivKey(pos, provider, output);
        foreach (var s in SubdescriptorArgs) s.ExpandPrivate(pos, provider, output);
    }

    internal bool ExpandHelper(int pos, SigningProvider arg, DescriptorCache? readCache, out List<Script> outputScripts, FlatSigningProvider output, DescriptorCache? writeCache)
    {
        outputScripts = [];
        // Work in a temporary provider so nothing is added to the output on failure.
        var subprovider = new FlatSigningProvider();
        var pubkeys = new List<PubKey>(PubkeyArgs.Count);
        foreach (var p in PubkeyArgs)
        {
            var pubkey = p.GetPubKey(pos, arg, subprovider, readCache, writeCache);
            if (pubkey is null) return false;
            pubkeys.Add(pubkey);
        }
        var subscripts = new List<Script>();
        foreach (var sub in SubdescriptorArgs)
        {
            if (!sub.ExpandHelper(pos, arg, readCache, out var outscripts, subprovider, writeCache)) return false;
            subscripts.Add(outscripts[0]);
        }
        output.Merge(subprovider);
        outputScripts = MakeScripts(pubkeys, subscripts, output);
        return true;
    }
}
