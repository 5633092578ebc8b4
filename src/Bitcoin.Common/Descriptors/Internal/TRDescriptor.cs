using System.Text;
using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>tr(KEY) and tr(KEY,TREE): P2TR with an internal key and an optional script tree of leaf descriptors.</summary>
internal sealed class TRDescriptor : Descriptor
{
    private readonly int[] _depths;

    public TRDescriptor(PubkeyProvider internalKey, IReadOnlyList<Descriptor> leaves, IReadOnlyList<int> depths, Network network)
        : base([internalKey], "tr", leaves, network)
    {
        if (leaves.Count != depths.Count) throw new ArgumentException("Each leaf needs a depth.");
        _depths = [.. depths];
    }

    public IReadOnlyList<int> Depths => _depths;

    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        var builder = new TaprootTreeBuilder();
        for (int pos = 0; pos < _depths.Length; pos++) builder.Add(_depths[pos], subscripts[pos].ToBytes(true), TaprootHashes.LeafTapscript);
        if (!builder.IsComplete) return [];
        var xpk = new XOnlyPubKey(keys[0]);
        if (!xpk.IsFullyValid) return [];
        builder.Finalize(xpk);
        output.TaprootTrees[builder.OutputKey] = builder;
        return [new WitnessV1TaprootDestination(builder.OutputKey.Bytes).ToScript()];
    }

    private protected override bool ToStringSubScriptHelper(SigningProvider? arg, StringBuilder ret, DescriptorStringType type, DescriptorCache? cache)
    {
        // Without leaves, whether a private key was written depends only on the internal key.
        if (_depths.Length == 0) return type != DescriptorStringType.Private;
        bool isPrivate = type == DescriptorStringType.Private;
        bool anySuccess = !isPrivate;
        var path = new List<bool>();
        for (int pos = 0; pos < _depths.Length; pos++)
        {
            if (pos > 0) ret.Append(',');
            while (path.Count <= _depths[pos])
            {
                if (path.Count > 0) ret.Append('{');
                path.Add(false);
            }
            bool subResult = SubdescriptorArgs[pos].ToStringHelper(arg, out string tmp, type, cache);
            if (!isPrivate && !subResult) return false;
            anySuccess = anySuccess || subResult;
            ret.Append(tmp);
            while (path.Count > 0 && path[^1])
            {
                if (path.Count > 1) ret.Append('}');
                path.RemoveAt(path.Count - 1);
            }
            if (path.Count > 0) path[^1] = true;
        }
        return anySuccess;
    }

    public override OutputType? GetOutputType() => OutputType.Bech32m;

    public override bool IsSingleType => true;

    public override long? ScriptSize => 1 + 1 + 32;

    // Core assumes a key path spend here, which underestimates script path spends.
    public override long? MaxSatisfactionWeight(bool useMaxSig) => 1 + 65;

    public override long? MaxSatisfactionElems => 1;

    internal override Descriptor Clone()
        => new TRDescriptor(PubkeyArgs[0].Clone(), SubdescriptorArgs.Select(s => s.Clone()).ToList(), _depths, Network);
}
