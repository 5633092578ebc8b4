using System.Buffers;
using System.Numerics;

namespace Capnp.Internal;

/// <summary>
/// Incremental decoder of Cap'n Proto packing: each word is a tag byte (one bit per non-zero byte) and the non-zero
/// bytes; tag 0x00 is followed by a count of further zero words, tag 0xFF by a count of words copied verbatim.
/// Input may arrive in any pieces; a unit is decoded only once it is complete, and runs carry over between calls.
/// </summary>
internal struct PackedDecoder
{
    private int _zeroBytesLeft;
    private int _rawBytesLeft;

    /// <summary>True when a zero or verbatim run is still pending.</summary>
    public readonly bool InRun => _zeroBytesLeft > 0 || _rawBytesLeft > 0;

    /// <summary>
    /// Decodes from <paramref name="input"/> into <paramref name="output"/> (whose length is a whole number of
    /// words). Returns the bytes written; <paramref name="consumed"/> is how much input was used.
    /// </summary>
    public int Decode(ReadOnlySequence<byte> input, Span<byte> output, out long consumed)
    {
        var reader = new SequenceReader<byte>(input);
        int written = 0;
        Span<byte> unit = stackalloc byte[10];
        while (written < output.Length)
        {
            if (_zeroBytesLeft > 0)
            {
                int n = Math.Min(_zeroBytesLeft, output.Length - written);
                output.Slice(written, n).Clear();
                written += n;
                _zeroBytesLeft -= n;
                continue;
            }

            if (_rawBytesLeft > 0)
            {
                int n = (int)Math.Min(Math.Min(_rawBytesLeft, output.Length - written), reader.Remaining);
                if (n == 0)
                    break;
                reader.TryCopyTo(output.Slice(written, n));
                reader.Advance(n);
                written += n;
                _rawBytesLeft -= n;
                continue;
            }

            if (!reader.TryPeek(out byte tag))
                break;
            int length = 1 + BitOperations.PopCount(tag) + (tag is 0x00 or 0xFF ? 1 : 0);
            if (reader.Remaining < length)
                break;
            reader.TryCopyTo(unit[..length]);
            reader.Advance(length);

            var word = output.Slice(written, 8);
            int at = 1;
            for (int bit = 0; bit < 8; bit++)
                word[bit] = (tag & (1 << bit)) != 0 ? unit[at++] : (byte)0;
            written += 8;

            if (tag == 0x00)
                _zeroBytesLeft = unit[1] * 8;
            else if (tag == 0xFF)
                _rawBytesLeft = unit[9] * 8;
        }

        consumed = reader.Consumed;
        return written;
    }
}
