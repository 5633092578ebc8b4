using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors.Miniscript;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>A miniscript expression inside wsh() or tr(); its keys are the descriptor's key arguments by index.</summary>
internal sealed class MiniscriptDescriptor : Descriptor
{
    private readonly MiniscriptNode<int> _node;

    public MiniscriptDescriptor(IReadOnlyList<PubkeyProvider> providers, MiniscriptNode<int> node, Network network)
        : base(providers, "?", [], network)
    {
        _node = node;
        foreach (var n in node.AllNodes())
        {
            if (n.Fragment != MiniscriptFragment.Older) continue;
            uint raw = n.K;
            uint valuePart = raw & ~MiniscriptLimits.SequenceLocktimeTypeFlag;
            if (valuePart > MiniscriptLimits.SequenceLocktimeMask)
            {
                AddWarning((raw & MiniscriptLimits.SequenceLocktimeTypeFlag) != 0
                    ? $"time-based relative locktime: older({raw}) > (65535 * 512) seconds is unsafe"
                    : $"height-based relative locktime: older({raw}) > 65535 blocks is unsafe");
            }
        }
    }

    internal MiniscriptNode<int> Node => _node;

    private sealed class ScriptMaker(IReadOnlyList<PubKey> keys, MiniscriptContext ctx) : IMiniscriptScriptMaker<int>
    {
        public byte[] ToPKBytes(int key)
            => MiniscriptLimits.IsTapscript(ctx) ? new XOnlyPubKey(keys[key]).Bytes.ToArray() : keys[key].ToBytes();

        // In tapscript a key hash is of the x-only key, not the full key.
        public byte[] ToPKHBytes(int key)
            => MiniscriptLimits.IsTapscript(ctx) ? CoreHashes.Hash160(new XOnlyPubKey(keys[key]).Bytes) : keys[key].Hash.ToBytes();
    }

    private sealed class StringMaker(IReadOnlyList<PubkeyProvider> keys, SigningProvider? arg, DescriptorStringType type, DescriptorCache? cache)
        : IMiniscriptStringMaker<int>
    {
        public string? ToString(int key, out bool hasPrivateKey)
        {
            hasPrivateKey = false;
            switch (type)
            {
                case DescriptorStringType.Private:
                    hasPrivateKey = keys[key].ToPrivateString(arg!, out string priv);
                    return priv;
                case DescriptorStringType.Normalized:
                    return keys[key].ToNormalizedString(arg!, out string norm, cache) ? norm : null;
                case DescriptorStringType.Compat:
                    return keys[key].ToString(KeyStringType.Compat);
                default:
                    return keys[key].ToString(KeyStringType.Public);
            }
        }
    }

    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        var ctx = _node.Context;
        foreach (var key in keys)
        {
            var id = MiniscriptLimits.IsTapscript(ctx) ? new KeyId(CoreHashes.Hash160(new XOnlyPubKey(key).Bytes)) : key.Hash;
            output.PubKeys.TryAdd(id, key);
        }
        return [Script.FromBytesUnsafe(_node.ToScript(new ScriptMaker(keys, ctx)))];
    }

    internal override bool ToStringHelper(SigningProvider? arg, out string output, DescriptorStringType type, DescriptorCache? cache = null)
    {
        var res = _node.ToString(new StringMaker(PubkeyArgs, arg, type, cache), out bool hasPrivKey);
        output = res ?? "";
        return type == DescriptorStringType.Private ? hasPrivKey : res is not null;
    }

    public override bool IsSolvable => true;

    public override bool IsSingleType => true;

    public override long? ScriptSize => _node.ScriptSize;

    // Miniscript assumes high-R ECDSA signatures.
    internal override long? MaxSatSize(bool useMaxSig) => _node.GetWitnessSize();

    public override long? MaxSatisfactionElems => _node.GetStackSize();

    internal override Descriptor Clone() => new MiniscriptDescriptor(PubkeyArgs.Select(p => p.Clone()).ToList(), _node, Network);
}
