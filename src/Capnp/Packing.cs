using System.Buffers;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// Cap'n Proto packing, which deflates zero bytes. Packing follows the C++ library's choices (runs never cross
/// the pieces it is given; a verbatim run stops at a word with two or more zero bytes), so the output is byte for
/// byte what <c>capnp::writePackedMessage</c> writes.
/// </summary>
public static class Packing
{
    /// <summary>The most bytes packing <paramref name="unpackedBytes"/> bytes can produce.</summary>
    public static int MaxPackedSize(int unpackedBytes) => unpackedBytes + (unpackedBytes / 8 * 2) + 2;

    /// <summary>Packs whole words (<paramref name="words"/>.Length a multiple of 8) as one piece.</summary>
    public static void Pack(ReadOnlySpan<byte> words, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (words.Length % 8 != 0)
            throw new ArgumentException("Packing works on whole 8-byte words.", nameof(words));
        while (!words.IsEmpty)
        {
            // Pack up to 2 KiB of input per buffer request so large segments do not need one huge span.
            int chunkWords = Math.Min(words.Length / 8, 256);
            // A unit starting in the chunk may carry a verbatim run of up to 255 words past it.
            var destination = output.GetSpan(MaxPackedSize(chunkWords * 8) + (255 * 8) + 2);
            int written = PackChunk(ref words, chunkWords * 8, destination);
            output.Advance(written);
        }
    }

    /// <summary>Packs <paramref name="words"/> into a new array.</summary>
    public static byte[] Pack(ReadOnlySpan<byte> words)
    {
        var writer = new ArrayBufferWriter<byte>(MaxPackedSize(words.Length));
        Pack(words, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Unpacks a whole packed buffer. <paramref name="maxUnpackedBytes"/> bounds the output, since a few
    /// packed bytes can stand for many zero words.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> packed, int maxUnpackedBytes)
    {
        var output = new ArrayBufferWriter<byte>();
        var decoder = default(PackedDecoder);
        var input = new ReadOnlySequence<byte>(packed.ToArray());
        while (true)
        {
            var span = output.GetSpan(4096)[..4096];
            int written = decoder.Decode(input, span, out long consumed);
            input = input.Slice(consumed);
            output.Advance(written);
            if (output.WrittenCount > maxUnpackedBytes)
                ThrowHelper.Format("Packed input unpacks to more than the allowed size.");
            if (written < span.Length)
                break;
        }

        if (!input.IsEmpty)
            ThrowHelper.Format("Packed input ends in the middle of a word.");
        if (decoder.InRun)
            ThrowHelper.Format("Packed input ends in the middle of a run of words.");
        return output.WrittenSpan.ToArray();
    }

    // Packs words from the front of 'input' (at most 'limit' bytes of it, plus the rest of a run it starts).
    private static int PackChunk(ref ReadOnlySpan<byte> input, int limit, Span<byte> output)
    {
        int inPos = 0;
        int outPos = 0;
        while (inPos < limit)
        {
            int tagPos = outPos++;
            int tag = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                byte b = input[inPos++];
                if (b != 0)
                {
                    tag |= 1 << bit;
                    output[outPos++] = b;
                }
            }

            output[tagPos] = (byte)tag;
            if (tag == 0)
            {
                // Count following zero words, at most 255, within this piece.
                int runLimit = Math.Min(input.Length, inPos + (255 * 8));
                int start = inPos;
                while (inPos < runLimit && IsZeroWord(input.Slice(inPos, 8)))
                    inPos += 8;
                output[outPos++] = (byte)((inPos - start) / 8);
            }
            else if (tag == 0xFF)
            {
                // Copy following words verbatim while they have at most one zero byte (packing them would not pay).
                int runLimit = Math.Min(input.Length, inPos + (255 * 8));
                int start = inPos;
                while (inPos < runLimit && ZeroBytes(input.Slice(inPos, 8)) < 2)
                    inPos += 8;
                int count = (inPos - start) / 8;
                output[outPos++] = (byte)count;
                input.Slice(start, inPos - start).CopyTo(output[outPos..]);
                outPos += inPos - start;
            }
        }

        input = input[inPos..];
        return outPos;
    }

    private static bool IsZeroWord(ReadOnlySpan<byte> word) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(word) == 0;

    private static int ZeroBytes(ReadOnlySpan<byte> word)
    {
        int zeros = 0;
        foreach (var b in word)
            zeros += b == 0 ? 1 : 0;
        return zeros;
    }
}
