using NBitcoin;

namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>Makes signatures for one input and checks timelocks against the spending transaction (Core's BaseSignatureCreator).</summary>
public abstract class SignatureCreator
{
    /// <summary>Creates an ECDSA signature (with the sighash byte) with the key for <paramref name="keyId"/>.</summary>
    public abstract bool TryCreateSig(SigningProvider provider, KeyId keyId, Script scriptCode, SigVersion sigVersion, out byte[] signature);

    /// <summary>
    /// Creates a BIP340 signature with the key for <paramref name="pubkey"/>: tweaked by <paramref name="merkleRoot"/>
    /// for key path spends (an empty array means "no script tree"), untweaked when it is null.
    /// </summary>
    public abstract bool TryCreateSchnorrSig(SigningProvider provider, XOnlyPubKey pubkey, uint256? leafHash, byte[]? merkleRoot,
        SigVersion sigVersion, out byte[] signature);

    /// <summary>Whether an absolute timelock (OP_CHECKLOCKTIMEVERIFY) of <paramref name="value"/> is satisfied.</summary>
    public abstract bool CheckLockTime(long value);

    /// <summary>Whether a relative timelock (OP_CHECKSEQUENCEVERIFY) of <paramref name="value"/> is satisfied.</summary>
    public abstract bool CheckSequence(long value);

    /// <summary>Whether a produced scriptSig and witness satisfy <paramref name="scriptPubKey"/> under Core's standard flags.</summary>
    public abstract bool VerifySolution(Script scriptSig, IReadOnlyList<byte[]> witness, Script scriptPubKey);
}
