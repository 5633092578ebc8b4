using System.Security.Cryptography;
using NBitcoin;

namespace Bitcoin.Kernel.Serialization;

/// <summary>Double SHA-256 as Core's HashWriter/CHash256, returning NBitcoin's uint256 in serialization order.</summary>
public static class Hashes
{
    /// <summary>SHA256(SHA256(<paramref name="data"/>)).</summary>
    public static uint256 DoubleSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> first = stackalloc byte[32];
        SHA256.HashData(data, first);
        Span<byte> second = stackalloc byte[32];
        SHA256.HashData(first, second);
        return new uint256(second);
    }
}
