using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>unused(KEY): records a key without producing any script.</summary>
internal sealed class UnusedDescriptor(PubkeyProvider key, Network network) : Descriptor([key], "unused", [], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output) => [];

    public override bool IsSingleType => true;

    public override bool HasScripts => false;

    internal override Descriptor Clone() => new UnusedDescriptor(PubkeyArgs[0].Clone(), Network);
}
