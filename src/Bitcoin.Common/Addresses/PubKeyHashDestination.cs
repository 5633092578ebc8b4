using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>P2PKH (Core's PKHash): <c>OP_DUP OP_HASH160 &lt;hash&gt; OP_EQUALVERIFY OP_CHECKSIG</c>.</summary>
public sealed class PubKeyHashDestination(KeyId hash) : TxDestination
{
    /// <summary>HASH160 of the public key.</summary>
    public KeyId Hash { get; } = hash;

    /// <inheritdoc/>
    protected override byte[] BuildScript()
        => new ScriptBuilder().Op(ScriptOpcodes.OP_DUP).Op(ScriptOpcodes.OP_HASH160).Push(Hash.ToBytes())
            .Op(ScriptOpcodes.OP_EQUALVERIFY).Op(ScriptOpcodes.OP_CHECKSIG).ToBytes();
}
