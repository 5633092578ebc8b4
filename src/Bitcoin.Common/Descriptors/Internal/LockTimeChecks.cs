using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>Core's GenericTransactionSignatureChecker::CheckLockTime and CheckSequence.</summary>
internal static class LockTimeChecks
{
    private const long LocktimeThreshold = 500_000_000;
    private const uint SequenceFinal = 0xffffffff;
    private const long SequenceDisableFlag = 1L << 31;
    private const long SequenceTypeFlag = 1L << 22;
    private const long SequenceMask = 0x0000ffff;

    public static bool CheckLockTime(Transaction tx, int inputIndex, long lockTime)
    {
        long txLockTime = tx.LockTime.Value;
        // Heights and times cannot be compared with each other.
        if (!((txLockTime < LocktimeThreshold && lockTime < LocktimeThreshold) || (txLockTime >= LocktimeThreshold && lockTime >= LocktimeThreshold)))
            return false;
        if (lockTime > txLockTime) return false;
        // A final input makes nLockTime ineffective, so the check must fail.
        return tx.Inputs[inputIndex].Sequence.Value != SequenceFinal;
    }

    public static bool CheckSequence(Transaction tx, int inputIndex, long sequence)
    {
        long txSequence = tx.Inputs[inputIndex].Sequence.Value;
        if (tx.Version < 2) return false;
        if ((txSequence & SequenceDisableFlag) != 0) return false;
        const long mask = SequenceTypeFlag | SequenceMask;
        long txMasked = txSequence & mask;
        long masked = sequence & mask;
        if (!((txMasked < SequenceTypeFlag && masked < SequenceTypeFlag) || (txMasked >= SequenceTypeFlag && masked >= SequenceTypeFlag)))
            return false;
        return masked <= txMasked;
    }
}
