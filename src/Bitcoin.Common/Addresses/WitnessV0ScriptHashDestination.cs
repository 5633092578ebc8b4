using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>P2WSH: <c>OP_0 &lt;32-byte SHA256 of the witness script&gt;</c>.</summary>
public sealed class WitnessV0ScriptHashDestination : TxDestination
{
    private readonly byte[] _hash;

    /// <summary>Wraps a 32-byte script hash.</summary>
    public WitnessV0ScriptHashDestination(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != 32) throw new ArgumentException("A witness script hash is 32 bytes.", nameof(sha256));
        _hash = sha256.ToArray();
    }

    /// <summary>The P2WSH destination of a witness script.</summary>
    public static WitnessV0ScriptHashDestination ForScript(Script witnessScript) => new(CoreHashes.Sha256(witnessScript.ToBytes()));

    /// <summary>SHA256 of the witness script.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <inheritdoc/>
    protected override byte[] BuildScript() => new ScriptBuilder().Op(ScriptOpcodes.OP_0).Push(_hash).ToBytes();
}
