using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>P2WPKH: <c>OP_0 &lt;20-byte key hash&gt;</c>.</summary>
public sealed class WitnessV0KeyHashDestination(KeyId hash) : TxDestination
{
    /// <summary>HASH160 of the compressed public key.</summary>
    public KeyId Hash { get; } = hash;

    /// <inheritdoc/>
    protected override byte[] BuildScript() => new ScriptBuilder().Op(ScriptOpcodes.OP_0).Push(Hash.ToBytes()).ToBytes();
}
