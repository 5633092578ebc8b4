using Bitcoin.Common.Descriptors.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>
/// Signs input <c>inputIndex</c> of a transaction (Core's MutableTransactionSignatureCreator). ECDSA signatures use
/// RFC6979 with low-R grinding; BIP340 signatures use an all-zero auxiliary randomness as Core does, so signing is
/// deterministic. Taproot signing needs <paramref name="txData"/> prepared with every spent output.
/// </summary>
public sealed class TransactionSignatureCreator(Transaction tx, int inputIndex, long amount, PrecomputedTransactionData? txData, int sighashType)
    : SignatureCreator
{
    /// <summary>Core's SIGHASH_DEFAULT (taproot only; ECDSA uses SIGHASH_ALL for it).</summary>
    public const int SighashDefault = 0;

    /// <summary>The transaction being signed.</summary>
    public Transaction Transaction { get; } = tx;

    /// <summary>The input being signed.</summary>
    public int InputIndex { get; } = inputIndex;

    /// <summary>The amount of the output being spent, in satoshis.</summary>
    public long Amount { get; } = amount;

    /// <inheritdoc/>
    public override bool TryCreateSig(SigningProvider provider, KeyId keyId, Script scriptCode, SigVersion sigVersion, out byte[] signature)
    {
        signature = [];
        if (sigVersion is not (SigVersion.Base or SigVersion.WitnessV0)) throw new ArgumentOutOfRangeException(nameof(sigVersion));
        if (!provider.TryGetKey(keyId, out var key)) return false;
        // Segwit forbids uncompressed keys and commits to the amount, so both must be right.
        if (sigVersion == SigVersion.WitnessV0 && !key.IsCompressed) return false;
        if (sigVersion == SigVersion.WitnessV0 && !MoneyRange(Amount)) return false;
        int hashType = sighashType == SighashDefault ? (int)SigHash.All : sighashType;
        var hash = Transaction.GetSignatureHash(scriptCode, InputIndex, (SigHash)hashType, new TxOut(Money.Satoshis(Amount), Script.Empty),
            sigVersion == SigVersion.WitnessV0 ? HashVersion.WitnessV0 : HashVersion.Original, txData);
        signature = [.. key.Sign(hash, useLowR: true).ToDER(), (byte)hashType];
        return true;
    }

    /// <inheritdoc/>
    public override bool TryCreateSchnorrSig(SigningProvider provider, XOnlyPubKey pubkey, uint256? leafHash, byte[]? merkleRoot,
        SigVersion sigVersion, out byte[] signature)
    {
        signature = [];
        if (!provider.TryGetKeyByXOnly(pubkey, out var key)) return false;
        var hash = ComputeSchnorrSignatureHash(leafHash, sigVersion);
        if (hash is null) return false;
        var sighash = (TaprootSigHash)(byte)sighashType;
        TaprootSignature sig;
        if (merkleRoot is not null)
        {
            var root = merkleRoot.Length == 0 || merkleRoot.AsSpan().IndexOfAnyExcept((byte)0) < 0 ? null : new uint256(merkleRoot);
            sig = key.SignTaprootKeySpend(hash, root, uint256.Zero, sighash);
        }
        else
        {
            sig = key.SignTaprootScriptSpend(hash, uint256.Zero, sighash);
        }
        signature = sig.ToBytes();
        return true;
    }

    private uint256? ComputeSchnorrSignatureHash(uint256? leafHash, SigVersion sigVersion)
    {
        if (sigVersion is not (SigVersion.Taproot or SigVersion.Tapscript)) throw new ArgumentOutOfRangeException(nameof(sigVersion));
        // BIP341 hashing needs every spent output; only annex-less, codeseparator-free signing is supported (as in Core).
        if (txData is not TaprootReadyPrecomputedTransactionData) return null;
        if (!TaprootExecutionData.IsValidSigHash((byte)sighashType)) return null;
        if (sighashType is 3 or 0x83 && InputIndex >= Transaction.Outputs.Count) return null;
        TaprootExecutionData exec;
        if (sigVersion == SigVersion.Tapscript)
        {
            if (leafHash is null) return null;
            exec = new TaprootExecutionData(InputIndex, leafHash) { CodeseparatorPosition = 0xFFFFFFFF };
        }
        else
        {
            exec = new TaprootExecutionData(InputIndex);
        }
        exec.SigHash = (TaprootSigHash)(byte)sighashType;
        return Transaction.GetSignatureHashTaproot(txData, exec);
    }

    /// <inheritdoc/>
    public override bool CheckLockTime(long value) => LockTimeChecks.CheckLockTime(Transaction, InputIndex, value);

    /// <inheritdoc/>
    public override bool CheckSequence(long value) => LockTimeChecks.CheckSequence(Transaction, InputIndex, value);

    /// <inheritdoc/>
    public override bool VerifySolution(Script scriptSig, IReadOnlyList<byte[]> witness, Script scriptPubKey)
        => ScriptVerification.Verify(scriptSig, witness, scriptPubKey, Transaction, InputIndex, Amount, txData, out _);

    private static bool MoneyRange(long amount) => amount >= 0 && amount <= 21_000_000L * 100_000_000L;
}
