using System.Buffers.Binary;

namespace Capnp.Tests.Support;

/// <summary>Hand-made messages, word by word, for inputs a builder would never produce.</summary>
internal static class Words
{
    public static ulong Struct(int offset, ushort data, ushort pointers) =>
        (uint)(offset << 2) | ((ulong)data << 32) | ((ulong)pointers << 48);

    public static ulong List(int offset, int elementSize, uint count) =>
        (uint)(offset << 2) | 1u | ((ulong)(uint)elementSize << 32) | ((ulong)count << 35);

    public static ulong Far(bool isDouble, uint padOffset, uint segment) =>
        2u | (isDouble ? 4u : 0u) | (padOffset << 3) | ((ulong)segment << 32);

    public static ulong Capability(uint index) => 3u | ((ulong)index << 32);

    public static ReadOnlyMemory<byte> Segment(params ulong[] words)
    {
        var bytes = new byte[words.Length * 8];
        for (int i = 0; i < words.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), words[i]);
        return bytes;
    }

    /// <summary>A framed message of the given segments.</summary>
    public static byte[] Frame(params ReadOnlyMemory<byte>[] segments)
    {
        int table = (4 + (4 * segments.Length) + 7) & ~7;
        var bytes = new byte[table + segments.Sum(s => s.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)(segments.Length - 1));
        int at = table;
        for (int i = 0; i < segments.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 + (4 * i)), (uint)(segments[i].Length / 8));
            segments[i].Span.CopyTo(bytes.AsSpan(at));
            at += segments[i].Length;
        }

        return bytes;
    }
}
