using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>P2SH (Core's ScriptHash): <c>OP_HASH160 &lt;hash&gt; OP_EQUAL</c>.</summary>
public sealed class ScriptHashDestination(ScriptId hash) : TxDestination
{
    /// <summary>HASH160 of the redeem script.</summary>
    public ScriptId Hash { get; } = hash;

    /// <summary>The P2SH destination of a redeem script.</summary>
    public static ScriptHashDestination ForScript(Script redeemScript) => new(CoreHashes.ScriptIdOf(redeemScript.ToBytes()));

    /// <inheritdoc/>
    protected override byte[] BuildScript()
        => new ScriptBuilder().Op(ScriptOpcodes.OP_HASH160).Push(Hash.ToBytes()).Op(ScriptOpcodes.OP_EQUAL).ToBytes();
}
