using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>pk(KEY): P2PK, or <c>&lt;xonly&gt; OP_CHECKSIG</c> inside tr().</summary>
internal sealed class PKDescriptor(PubkeyProvider key, bool xonly, Network network) : Descriptor([key], "pk", [], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        if (xonly)
            return [new ScriptBuilder().Push(new XOnlyPubKey(keys[0]).Bytes).Op(ScriptOpcodes.OP_CHECKSIG).ToScript()];
        return [ScriptSolver.GetScriptForRawPubKey(keys[0])];
    }

    public override bool IsSingleType => true;

    public override long? ScriptSize => 1 + (xonly ? 32 : PubkeyArgs[0].Size) + 1;

    internal override long? MaxSatSize(bool useMaxSig) => 1 + (xonly ? 65 : useMaxSig ? 72 : 71);

    public override long? MaxSatisfactionWeight(bool useMaxSig) => MaxSatSize(useMaxSig) * 4;

    public override long? MaxSatisfactionElems => 1;

    internal override Descriptor Clone() => new PKDescriptor(PubkeyArgs[0].Clone(), xonly, Network);
}
