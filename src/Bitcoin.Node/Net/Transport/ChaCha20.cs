using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// The ChaCha20 stream cipher of RFC 8439 (32-bit block counter, 96-bit nonce), with a keystream position that can
/// be sought and output that may be taken in pieces of any size (Core's ChaCha20). .NET offers ChaCha20 only inside
/// its AEAD, and BIP324 needs the bare keystream for length encryption and rekeying.
/// </summary>
public sealed class ChaCha20
{
    /// <summary>Key size.</summary>
    public const int KeySize = 32;

    /// <summary>Block size.</summary>
    public const int BlockSize = 64;

    private readonly uint[] _state = new uint[16];
    private readonly byte[] _buffer = new byte[BlockSize];
    private int _bufferLeft;

    /// <summary>A cipher keyed with <paramref name="key"/>, at nonce (0, 0) and block 0.</summary>
    public ChaCha20(ReadOnlySpan<byte> key) => SetKey(key);

    /// <summary>Changes the key; the position goes back to nonce (0, 0), block 0.</summary>
    public void SetKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
            throw new ArgumentException("A ChaCha20 key is 32 bytes.", nameof(key));
        _state[0] = 0x61707865;
        _state[1] = 0x3320646e;
        _state[2] = 0x79622d32;
        _state[3] = 0x6b206574;
        for (int i = 0; i < 8; i++)
            _state[4 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
        Seek(0, 0, 0);
    }

    /// <summary>
    /// Moves to block <paramref name="blockCounter"/> of the stream for the nonce made of the 32-bit
    /// <paramref name="nonceLow"/> and the 64-bit <paramref name="nonceHigh"/> (little-endian on the wire: 4 then 8 bytes).
    /// </summary>
    public void Seek(uint nonceLow, ulong nonceHigh, uint blockCounter)
    {
        _state[12] = blockCounter;
        _state[13] = nonceLow;
        _state[14] = (uint)nonceHigh;
        _state[15] = (uint)(nonceHigh >> 32);
        _bufferLeft = 0;
        CryptographicOperations.ZeroMemory(_buffer);
    }

    /// <summary>Writes the next keystream bytes into <paramref name="output"/>.</summary>
    public void Keystream(Span<byte> output)
    {
        while (output.Length > 0)
        {
            if (_bufferLeft == 0)
            {
                NextBlock(_buffer);
                _bufferLeft = BlockSize;
            }

            int take = Math.Min(_bufferLeft, output.Length);
            _buffer.AsSpan(BlockSize - _bufferLeft, take).CopyTo(output);
            _bufferLeft -= take;
            output = output[take..];
        }
    }

    /// <summary>XORs <paramref name="input"/> with the next keystream bytes into <paramref name="output"/> (same length; may be the same span).</summary>
    public void Crypt(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length != output.Length)
            throw new ArgumentException("Input and output differ in length.", nameof(output));
        while (input.Length > 0)
        {
            if (_bufferLeft == 0)
            {
                NextBlock(_buffer);
                _bufferLeft = BlockSize;
            }

            int take = Math.Min(_bufferLeft, input.Length);
            var key = _buffer.AsSpan(BlockSize - _bufferLeft, take);
            for (int i = 0; i < take; i++)
                output[i] = (byte)(input[i] ^ key[i]);
            _bufferLeft -= take;
            input = input[take..];
            output = output[take..];
        }
    }

    private void NextBlock(Span<byte> block)
    {
        uint x0 = _state[0], x1 = _state[1], x2 = _state[2], x3 = _state[3];
        uint x4 = _state[4], x5 = _state[5], x6 = _state[6], x7 = _state[7];
        uint x8 = _state[8], x9 = _state[9], x10 = _state[10], x11 = _state[11];
        uint x12 = _state[12], x13 = _state[13], x14 = _state[14], x15 = _state[15];
        for (int round = 0; round < 10; round++)
        {
            QuarterRound(ref x0, ref x4, ref x8, ref x12);
            QuarterRound(ref x1, ref x5, ref x9, ref x13);
            QuarterRound(ref x2, ref x6, ref x10, ref x14);
            QuarterRound(ref x3, ref x7, ref x11, ref x15);
            QuarterRound(ref x0, ref x5, ref x10, ref x15);
            QuarterRound(ref x1, ref x6, ref x11, ref x12);
            QuarterRound(ref x2, ref x7, ref x8, ref x13);
            QuarterRound(ref x3, ref x4, ref x9, ref x14);
        }

        Span<uint> words = [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15];
        for (int i = 0; i < 16; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * i)..], words[i] + _state[i]);
        words.Clear();

        // The block counter is 32 bits; past its end the stream continues in the next nonce (as Core does, so
        // output beyond 256 GiB stays compatible with 64-bit-counter implementations).
        if (++_state[12] == 0)
            _state[13]++;
    }

    private static void QuarterRound(ref uint a, ref uint b, ref uint c, ref uint d)
    {
        a += b; d = BitOperations.RotateLeft(d ^ a, 16);
        c += d; b = BitOperations.RotateLeft(b ^ c, 12);
        a += b; d = BitOperations.RotateLeft(d ^ a, 8);
        c += d; b = BitOperations.RotateLeft(b ^ c, 7);
    }
}
