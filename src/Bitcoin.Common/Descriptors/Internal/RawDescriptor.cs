using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>raw(HEX).</summary>
internal sealed class RawDescriptor(Script script, Network network) : Descriptor([], "raw", [], network)
{
    public Script Script { get; } = script;

    private protected override string ToStringExtra() => Convert.ToHexString(Script.ToBytes(true)).ToLowerInvariant();

    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
        => [Script];

    public override bool IsSolvable => false;

    public override OutputType? GetOutputType()
    {
        ScriptSolver.TryExtractDestination(Script, out var dest);
        return OutputTypes.FromDestination(dest);
    }

    public override bool IsSingleType => true;

    public override bool TryGetPrivateString(SigningProvider provider, out string result)
    {
        base.TryGetPrivateString(provider, out result);
        return false;
    }

    public override long? ScriptSize => Script.Length;

    internal override Descriptor Clone() => new RawDescriptor(Script, Network);
}
