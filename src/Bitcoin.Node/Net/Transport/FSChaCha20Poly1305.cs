using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// BIP324's forward-secure AEAD for packet contents (Core's FSChaCha20Poly1305): RFC 8439 ChaCha20-Poly1305 with the
/// nonce (packet number within the key, rekey number); after every <c>rekeyInterval</c> packets the key becomes the
/// first 32 bytes of the keystream for nonce (0xFFFFFFFF, rekey number). The sealing itself is .NET's
/// <see cref="ChaCha20Poly1305"/>; the rekeying keystream comes from <see cref="ChaCha20"/>.
/// </summary>
public sealed class FSChaCha20Poly1305 : IDisposable
{
    /// <summary>Bytes the AEAD adds (the Poly1305 tag).</summary>
    public const int Expansion = 16;

    private readonly uint _rekeyInterval;
    private readonly byte[] _key = new byte[ChaCha20.KeySize];
    private ChaCha20Poly1305 _aead;
    private uint _packetCounter;
    private ulong _rekeyCounter;

    /// <summary>An AEAD keyed with <paramref name="key"/> that rekeys every <paramref name="rekeyInterval"/> packets.</summary>
    public FSChaCha20Poly1305(ReadOnlySpan<byte> key, uint rekeyInterval)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rekeyInterval);
        if (key.Length != ChaCha20.KeySize)
            throw new ArgumentException("A ChaCha20-Poly1305 key is 32 bytes.", nameof(key));
        key.CopyTo(_key);
        _aead = new ChaCha20Poly1305(_key);
        _rekeyInterval = rekeyInterval;
    }

    /// <summary>Encrypts the concatenation of <paramref name="plain1"/> and <paramref name="plain2"/> into <paramref name="output"/> (their length plus 16).</summary>
    public void Encrypt(ReadOnlySpan<byte> plain1, ReadOnlySpan<byte> plain2, ReadOnlySpan<byte> aad, Span<byte> output)
    {
        int length = plain1.Length + plain2.Length;
        if (output.Length != length + Expansion)
            throw new ArgumentException("The output must be the plaintext length plus 16.", nameof(output));
        Span<byte> nonce = stackalloc byte[12];
        WriteNonce(nonce);
        if (plain2.IsEmpty)
        {
            _aead.Encrypt(nonce, plain1, output[..length], output[length..], aad);
        }
        else
        {
            // .NET takes one plaintext span: join the two (BIP324 puts a 1-byte header before the contents).
            var joined = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            try
            {
                plain1.CopyTo(joined);
                plain2.CopyTo(joined.AsSpan(plain1.Length));
                _aead.Encrypt(nonce, joined.AsSpan(0, length), output[..length], output[length..], aad);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(joined.AsSpan(0, length));
                System.Buffers.ArrayPool<byte>.Shared.Return(joined);
            }
        }

        NextPacket();
    }

    /// <summary>
    /// Checks the tag and decrypts <paramref name="input"/> (ciphertext plus tag) into <paramref name="plain"/>; false
    /// when authentication fails. The packet number advances either way, as in Core.
    /// </summary>
    public bool Decrypt(ReadOnlySpan<byte> input, ReadOnlySpan<byte> aad, Span<byte> plain)
    {
        if (input.Length != plain.Length + Expansion)
            throw new ArgumentException("The input must be the plaintext length plus 16.", nameof(input));
        Span<byte> nonce = stackalloc byte[12];
        WriteNonce(nonce);
        bool ok;
        try
        {
            _aead.Decrypt(nonce, input[..plain.Length], input[plain.Length..], plain, aad);
            ok = true;
        }
        catch (AuthenticationTagMismatchException)
        {
            ok = false;
        }

        NextPacket();
        return ok;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _aead.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }

    private void WriteNonce(Span<byte> nonce)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(nonce, _packetCounter);
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _rekeyCounter);
    }

    private void NextPacket()
    {
        if (++_packetCounter != _rekeyInterval)
            return;
        // The new key is keystream block 1 (block 0 keys Poly1305) for the reserved nonce (0xFFFFFFFF, rekey number).
        var chacha = new ChaCha20(_key);
        chacha.Seek(0xFFFFFFFF, _rekeyCounter, 1);
        chacha.Keystream(_key);
        _aead.Dispose();
        _aead = new ChaCha20Poly1305(_key);
        _packetCounter = 0;
        _rekeyCounter++;
    }
}
