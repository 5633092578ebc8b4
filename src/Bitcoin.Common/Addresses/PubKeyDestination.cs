using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>
/// A pay-to-pubkey output (<c>&lt;key&gt; OP_CHECKSIG</c>): solvable but without an address. Like Core's
/// PubKeyDestination it keeps the encoded key as found in the script, which need not lie on the curve.
/// </summary>
public sealed class PubKeyDestination : TxDestination
{
    private readonly byte[] _pubkey;

    /// <summary>Wraps an encoded public key (33 or 65 bytes).</summary>
    public PubKeyDestination(ReadOnlySpan<byte> encodedPubKey) => _pubkey = encodedPubKey.ToArray();

    /// <summary>Wraps a public key.</summary>
    public PubKeyDestination(PubKey pubKey) : this(pubKey.ToBytes())
    {
    }

    /// <summary>The encoded public key.</summary>
    public ReadOnlySpan<byte> EncodedPubKey => _pubkey;

    /// <inheritdoc/>
    public override bool IsValid => false;

    /// <inheritdoc/>
    protected override byte[] BuildScript()
        => new ScriptBuilder().Push(_pubkey).Op(ScriptOpcodes.OP_CHECKSIG).ToBytes();
}
