using System.Security.Cryptography;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// BIP324's forward-secure ChaCha20 for packet lengths: one continuous ChaCha20 stream per key; after every
/// <c>rekeyInterval</c> chunks the next 32 keystream bytes become the new key and the nonce moves to the next rekey
/// number (Core's FSChaCha20).
/// </summary>
public sealed class FSChaCha20
{
    private readonly ChaCha20 _chacha20;
    private readonly uint _rekeyInterval;
    private uint _chunkCounter;
    private ulong _rekeyCounter;

    /// <summary>A cipher keyed with <paramref name="key"/> that rekeys every <paramref name="rekeyInterval"/> chunks.</summary>
    public FSChaCha20(ReadOnlySpan<byte> key, uint rekeyInterval)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rekeyInterval);
        _chacha20 = new ChaCha20(key);
        _rekeyInterval = rekeyInterval;
    }

    /// <summary>Encrypts or decrypts one chunk.</summary>
    public void Crypt(ReadOnlySpan<byte> input, Span<byte> output)
    {
        _chacha20.Crypt(input, output);
        if (++_chunkCounter != _rekeyInterval)
            return;
        Span<byte> newKey = stackalloc byte[ChaCha20.KeySize];
        _chacha20.Keystream(newKey);
        _chacha20.SetKey(newKey);
        CryptographicOperations.ZeroMemory(newKey);
        _chacha20.Seek(0, ++_rekeyCounter, 0);
        _chunkCounter = 0;
    }
}
