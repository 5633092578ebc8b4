using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>combo(KEY): P2PK, P2PKH, and for compressed keys also P2WPKH and P2SH-P2WPKH.</summary>
internal sealed class ComboDescriptor(PubkeyProvider key, Network network) : Descriptor([key], "combo", [], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        var id = keys[0].Hash;
        var ret = new List<Script>
        {
            ScriptSolver.GetScriptForRawPubKey(keys[0]),
            new PubKeyHashDestination(id).ToScript(),
        };
        if (keys[0].IsCompressed)
        {
            var p2wpkh = new WitnessV0KeyHashDestination(id).ToScript();
            output.Scripts.TryAdd(p2wpkh.Hash, p2wpkh);
            ret.Add(p2wpkh);
            ret.Add(ScriptHashDestination.ForScript(p2wpkh).ToScript());
        }
        return ret;
    }

    public override bool IsSingleType => false;

    internal override Descriptor Clone() => new ComboDescriptor(PubkeyArgs[0].Clone(), Network);
}
