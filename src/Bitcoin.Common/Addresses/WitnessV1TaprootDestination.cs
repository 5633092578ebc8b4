using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>P2TR: <c>OP_1 &lt;32-byte x-only output key&gt;</c>.</summary>
public sealed class WitnessV1TaprootDestination : TxDestination
{
    private readonly byte[] _outputKey;

    /// <summary>Wraps a 32-byte x-only output key (not checked to be on the curve, as in Core).</summary>
    public WitnessV1TaprootDestination(ReadOnlySpan<byte> xonlyOutputKey)
    {
        if (xonlyOutputKey.Length != 32) throw new ArgumentException("A taproot output key is 32 bytes.", nameof(xonlyOutputKey));
        _outputKey = xonlyOutputKey.ToArray();
    }

    /// <summary>The x-only output key.</summary>
    public ReadOnlySpan<byte> OutputKey => _outputKey;

    /// <inheritdoc/>
    protected override byte[] BuildScript() => new ScriptBuilder().Op(ScriptOpcodes.OP_1).Push(_outputKey).ToBytes();
}
