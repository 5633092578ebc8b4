using NBitcoin;

namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>
/// Makes placeholder signatures of the maximum (or typical) size so a transaction's signed size can be estimated
/// without keys (Core's DUMMY_SIGNATURE_CREATOR / DUMMY_MAXIMUM_SIGNATURE_CREATOR). Every timelock passes.
/// </summary>
public sealed class DummySignatureCreator(int rLength, int sLength) : SignatureCreator
{
    /// <summary>71-byte ECDSA placeholders (32-byte R).</summary>
    public static DummySignatureCreator Typical { get; } = new(32, 32);

    /// <summary>72-byte ECDSA placeholders (33-byte R, the largest).</summary>
    public static DummySignatureCreator Maximum { get; } = new(33, 32);

    /// <inheritdoc/>
    public override bool TryCreateSig(SigningProvider provider, KeyId keyId, Script scriptCode, SigVersion sigVersion, out byte[] signature)
    {
        // A valid DER encoding of the right length with SIGHASH_ALL.
        signature = new byte[rLength + sLength + 7];
        signature[0] = 0x30;
        signature[1] = (byte)(rLength + sLength + 4);
        signature[2] = 0x02;
        signature[3] = (byte)rLength;
        signature[4] = 0x01;
        signature[4 + rLength] = 0x02;
        signature[5 + rLength] = (byte)sLength;
        signature[6 + rLength] = 0x01;
        signature[6 + rLength + sLength] = 0x01;
        return true;
    }

    /// <inheritdoc/>
    public override bool TryCreateSchnorrSig(SigningProvider provider, XOnlyPubKey pubkey, uint256? leafHash, byte[]? merkleRoot,
        SigVersion sigVersion, out byte[] signature)
    {
        signature = new byte[64];
        return true;
    }

    /// <inheritdoc/>
    public override bool CheckLockTime(long value) => true;

    /// <inheritdoc/>
    public override bool CheckSequence(long value) => true;

    /// <summary>Placeholder signatures cannot verify; a solved script counts as complete, as with Core's dummy checker.</summary>
    public override bool VerifySolution(Script scriptSig, IReadOnlyList<byte[]> witness, Script scriptPubKey) => true;
}
