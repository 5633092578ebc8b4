using NBitcoin;

namespace Bitcoin.Common.Addresses.Internal;

/// <summary>Core's CPubKey size and validity rules over raw encodings.</summary>
internal static class PubKeyBytes
{
    /// <summary>CPubKey::GetLen: the length a key with this header byte must have (0 for an unknown header).</summary>
    public static int LengthForHeader(byte header) => header switch
    {
        2 or 3 => 33,
        4 or 6 or 7 => 65,
        _ => 0,
    };

    /// <summary>CPubKey::ValidSize: non-empty and as long as its header byte says.</summary>
    public static bool ValidSize(ReadOnlySpan<byte> data) => data.Length > 0 && LengthForHeader(data[0]) == data.Length;

    /// <summary>CPubKey::IsValidNonHybrid on a key that has a valid size: header 02, 03 or 04.</summary>
    public static bool IsValidNonHybrid(ReadOnlySpan<byte> data)
        => ValidSize(data) && (data[0] == 2 || data[0] == 3 || data[0] == 4);

    /// <summary>True for a valid-size 06/07 (hybrid) encoding, which Core parses but refuses in descriptors.</summary>
    public static bool IsHybrid(ReadOnlySpan<byte> data) => ValidSize(data) && (data[0] == 6 || data[0] == 7);

    /// <summary>
    /// Parses a compressed or uncompressed key that lies on the curve (Core's IsFullyValid for non-hybrid encodings).
    /// Hybrid encodings are refused here; callers that must tell them apart check <see cref="IsHybrid"/> first.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PubKey? pubkey)
    {
        pubkey = null;
        if (!IsValidNonHybrid(data)) return false;
        return PubKey.TryCreatePubKey(data.ToArray(), out pubkey);
    }
}
