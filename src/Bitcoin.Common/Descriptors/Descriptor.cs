using System.Security.Cryptography;
using System.Text;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// A parsed output descriptor (BIP380-386, BIP390, Core's Descriptor): a description of output scripts and what is
/// needed to solve them. Parse with <see cref="Parse"/>, infer one from a script with <see cref="Infer"/>, expand it
/// at a position with <see cref="Expand"/>. Instances are immutable and independent of each other.
/// </summary>
public abstract partial class Descriptor
{
    private readonly List<string> _warnings = [];

    private protected Descriptor(IReadOnlyList<PubkeyProvider> pubkeyArgs, string name, IReadOnlyList<Descriptor> subdescriptorArgs, Network network)
    {
        PubkeyArgs = pubkeyArgs;
        Name = name;
        SubdescriptorArgs = subdescriptorArgs;
        Network = network;
    }

    /// <summary>The network whose key and address encodings this descriptor uses.</summary>
    public Network Network { get; }

    internal IReadOnlyList<PubkeyProvider> PubkeyArgs { get; }

    internal string Name { get; }

    internal IReadOnlyList<Descriptor> SubdescriptorArgs { get; }

    private protected void AddWarning(string warning) => _warnings.Add(warning);

    /// <summary>Anything other than key and script arguments written first inside the parentheses (a threshold, an address, hex).</summary>
    private protected virtual string ToStringExtra() => "";

    /// <summary>Builds the output scripts from the evaluated keys and subscripts, recording solving data in <paramref name="output"/>.</summary>
    private protected abstract List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output);

    /// <summary>A deep copy (used when a multipath expression expands into several descriptors).</summary>
    internal abstract Descriptor Clone();

    /// <summary>Whether the scripts depend on the position (a key ends in /* or /*').</summary>
    public bool IsRange => PubkeyArgs.Any(p => p.IsRange) || SubdescriptorArgs.Any(s => s.IsRange);

    /// <summary>Whether everything needed to sign is described (false for addr() and raw()).</summary>
    public virtual bool IsSolvable => SubdescriptorArgs.All(s => s.IsSolvable);

    /// <summary>Whether at most one script is produced per position (false only for combo()).</summary>
    public abstract bool IsSingleType { get; }

    /// <summary>Whether expansion produces any scripts (false for unused()).</summary>
    public virtual bool HasScripts => true;

    /// <summary>Whether scripts can be produced without private keys or a cache (no hardened derivation).</summary>
    public bool CanSelfExpand => PubkeyArgs.All(p => p.CanSelfExpand) && SubdescriptorArgs.All(s => s.CanSelfExpand);

    /// <summary>Safety warnings, including those of nested descriptors (e.g. unsafe older() values).</summary>
    public IReadOnlyList<string> Warnings => [.. _warnings, .. SubdescriptorArgs.SelectMany(s => s.Warnings)];

    /// <summary>
    /// Whether <paramref name="provider"/> has every private key this descriptor needs; false for descriptors with no
    /// keys at all (Core's HavePrivateKeys).
    /// </summary>
    public virtual bool HavePrivateKeys(SigningProvider provider)
    {
        if (PubkeyArgs.Count == 0 && SubdescriptorArgs.Count == 0) return false;
        return SubdescriptorArgs.All(s => s.HavePrivateKeys(provider)) && PubkeyArgs.All(p => p.HavePrivateKeys(provider));
    }

    /// <summary>The output type of the produced scripts, or null when there is none or several (combo, raw of an unknown script).</summary>
    public virtual OutputType? GetOutputType() => null;

    /// <summary>Size in bytes of the output script, when fixed.</summary>
    public virtual long? ScriptSize => null;

    /// <summary>The maximum satisfaction size in bytes (no witness discount), when known; used by sh() and wsh().</summary>
    internal virtual long? MaxSatSize(bool useMaxSig) => null;

    /// <summary>The maximum weight of a satisfaction (scriptSig and witness), when known.</summary>
    /// <param name="useMaxSig">Assume 72-byte (high-R) ECDSA signatures.</param>
    public virtual long? MaxSatisfactionWeight(bool useMaxSig) => null;

    /// <summary>The maximum number of stack elements of a satisfaction, when known.</summary>
    public virtual long? MaxSatisfactionElems => null;

    /// <summary>The highest key expression index (Core's GetMaxKeyExpr).</summary>
    public uint GetMaxKeyExpr() => AllDescriptors().SelectMany(d => d.PubkeyArgs).Select(p => p.ExprIndex).DefaultIfEmpty(0u).Max();

    /// <summary>The number of keys, counting musig() participants and aggregates (Core's GetKeyCount).</summary>
    public int GetKeyCount() => AllDescriptors().SelectMany(d => d.PubkeyArgs).Sum(p => p.KeyCount);

    /// <summary>The constant public keys and root xpubs of this descriptor and its subdescriptors (Core's GetPubKeys).</summary>
    public (IReadOnlyList<PubKey> PubKeys, IReadOnlyList<ExtPubKey> ExtPubKeys) GetPubKeys()
    {
        var pubkeys = new SortedSet<PubKey>(PubKeyOrder.Instance);
        var extPubKeys = new List<ExtPubKey>();
        foreach (var d in AllDescriptors())
        {
            foreach (var p in d.PubkeyArgs)
            {
                if (p.GetRootPubKey() is { } pub) pubkeys.Add(pub);
                if (p.GetRootExtPubKey() is { } ext && !extPubKeys.Any(e => e.ToBytes().AsSpan().SequenceEqual(ext.ToBytes())))
                    extPubKeys.Add(ext);
            }
        }
        return ([.. pubkeys], extPubKeys);
    }

    /// <summary>
    /// Core's DescriptorID: SHA256 of the compat-format string (apostrophes, with checksum). Stable across versions;
    /// used by the wallet as the descriptor's database id.
    /// </summary>
    public uint256 Id => new(SHA256.HashData(Encoding.UTF8.GetBytes(ToString(compatFormat: true))));

    private IEnumerable<Descriptor> AllDescriptors()
    {
        var todo = new Stack<Descriptor>();
        todo.Push(this);
        while (todo.Count > 0)
        {
            var d = todo.Pop();
            yield return d;
            foreach (var s in d.SubdescriptorArgs) todo.Push(s);
        }
    }
}
