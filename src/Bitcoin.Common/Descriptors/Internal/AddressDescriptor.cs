using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>addr(ADDRESS).</summary>
internal sealed class AddressDescriptor(TxDestination destination, Network network) : Descriptor([], "addr", [], network)
{
    public TxDestination Destination { get; } = destination;

    private protected override string ToStringExtra() => AddressEncoding.EncodeDestination(Destination, Network);

    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
        => [Destination.ToScript()];

    public override bool IsSolvable => false;

    public override OutputType? GetOutputType() => OutputTypes.FromDestination(Destination);

    public override bool IsSingleType => true;

    public override bool TryGetPrivateString(SigningProvider provider, out string result)
    {
        base.TryGetPrivateString(provider, out result);
        return false;
    }

    public override long? ScriptSize => Destination.ScriptBytes.Length;

    internal override Descriptor Clone() => new AddressDescriptor(Destination, Network);
}
