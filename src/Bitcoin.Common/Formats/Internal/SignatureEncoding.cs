namespace Bitcoin.Common.Formats.Internal;

/// <summary>Core's strict DER signature rules (BIP66) and defined-hashtype check.</summary>
internal static class SignatureEncoding
{
    /// <summary>Core's IsValidSignatureEncoding: strict DER plus a trailing sighash byte.</summary>
    public static bool IsValidSignatureEncoding(ReadOnlySpan<byte> sig)
    {
        if (sig.Length < 9 || sig.Length > 73) return false;
        if (sig[0] != 0x30) return false;
        if (sig[1] != sig.Length - 3) return false;
        int lenR = sig[3];
        if (5 + lenR >= sig.Length) return false;
        int lenS = sig[5 + lenR];
        if (lenR + lenS + 7 != sig.Length) return false;
        if (sig[2] != 0x02) return false;
        if (lenR == 0) return false;
        if ((sig[4] & 0x80) != 0) return false;
        if (lenR > 1 && sig[4] == 0x00 && (sig[5] & 0x80) == 0) return false;
        if (sig[lenR + 4] != 0x02) return false;
        if (lenS == 0) return false;
        if ((sig[lenR + 6] & 0x80) != 0) return false;
        if (lenS > 1 && sig[lenR + 6] == 0x00 && (sig[lenR + 7] & 0x80) == 0) return false;
        return true;
    }

    /// <summary>Core's IsDefinedHashtypeSignature: the sighash byte (without ANYONECANPAY) is ALL, NONE or SINGLE.</summary>
    public static bool IsDefinedHashtype(ReadOnlySpan<byte> sig)
    {
        if (sig.Length == 0) return false;
        int hashType = sig[^1] & ~0x80;
        return hashType >= 1 && hashType <= 3;
    }

    /// <summary>Core's CheckSignatureEncoding with SCRIPT_VERIFY_STRICTENC (empty signatures pass).</summary>
    public static bool CheckStrictEncoding(ReadOnlySpan<byte> sig)
        => sig.Length == 0 || (IsValidSignatureEncoding(sig) && IsDefinedHashtype(sig));
}
