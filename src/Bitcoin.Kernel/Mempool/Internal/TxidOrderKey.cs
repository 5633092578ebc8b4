using System.Buffers.Binary;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// A txid in the order Core's uint256 comparison gives (memcmp of the stored little-endian bytes), used to break ties
/// between equally good transactions the way Core's mempool does.
/// </summary>
internal readonly record struct TxidOrderKey(ulong A, ulong B, ulong C, ulong D) : IComparable<TxidOrderKey>
{
    public static TxidOrderKey From(uint256 txid)
    {
        Span<byte> bytes = stackalloc byte[32];
        txid.ToBytes(bytes);
        return new TxidOrderKey(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    public int CompareTo(TxidOrderKey other)
    {
        int c = A.CompareTo(other.A);
        if (c != 0) return c;
        c = B.CompareTo(other.B);
        if (c != 0) return c;
        c = C.CompareTo(other.C);
        return c != 0 ? c : D.CompareTo(other.D);
    }
}
