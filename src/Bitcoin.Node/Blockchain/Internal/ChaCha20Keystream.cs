using System.Buffers.Binary;
using System.Numerics;

namespace Bitcoin.Node.Blockchain.Internal;

/// <summary>
/// The ChaCha20 keystream (RFC 8439 block function) for a 32-byte key, a zero nonce and a block counter starting at
/// zero: what Core's ChaCha20Aligned produces for MuHash. Only whole 64-byte blocks are produced.
/// </summary>
internal static class ChaCha20Keystream
{
    public const int BlockLength = 64;

    /// <summary>Fills <paramref name="output"/> (a multiple of 64 bytes) with keystream.</summary>
    public static void Generate(ReadOnlySpan<byte> key, Span<byte> output)
    {
        if (key.Length != 32) throw new ArgumentException("ChaCha20 needs a 32-byte key.", nameof(key));
        if (output.Length % BlockLength != 0) throw new ArgumentException("Whole 64-byte blocks only.", nameof(output));
        Span<uint> input = stackalloc uint[16];
        // "expand 32-byte k"
        input[0] = 0x61707865;
        input[1] = 0x3320646e;
        input[2] = 0x79622d32;
        input[3] = 0x6b206574;
        for (int i = 0; i < 8; i++) input[4 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
        // Words 12-15: block counter and nonce, all zero to start.
        Span<uint> x = stackalloc uint[16];
        for (int block = 0; block < output.Length / BlockLength; block++)
        {
            input[12] = (uint)block;
            input.CopyTo(x);
            for (int round = 0; round < 10; round++)
            {
                QuarterRound(x, 0, 4, 8, 12);
                QuarterRound(x, 1, 5, 9, 13);
                QuarterRound(x, 2, 6, 10, 14);
                QuarterRound(x, 3, 7, 11, 15);
                QuarterRound(x, 0, 5, 10, 15);
                QuarterRound(x, 1, 6, 11, 12);
                QuarterRound(x, 2, 7, 8, 13);
                QuarterRound(x, 3, 4, 9, 14);
            }
            var destination = output.Slice(block * BlockLength, BlockLength);
            for (int i = 0; i < 16; i++) BinaryPrimitives.WriteUInt32LittleEndian(destination[(4 * i)..], x[i] + input[i]);
        }
    }

    private static void QuarterRound(Span<uint> x, int a, int b, int c, int d)
    {
        x[a] += x[b]; x[d] = BitOperations.RotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d]; x[b] = BitOperations.RotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b]; x[d] = BitOperations.RotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d]; x[b] = BitOperations.RotateLeft(x[b] ^ x[c], 7);
    }
}
