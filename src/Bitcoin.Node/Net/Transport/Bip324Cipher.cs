using System.Security.Cryptography;
using System.Text;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// The BIP324 packet cipher of one connection (Core's BIP324Cipher): our ephemeral key and its ElligatorSwift
/// encoding; after <see cref="Initialize"/> with the peer's encoding, the session id, the two garbage terminators and
/// the four ciphers (length and contents, each direction) derived with HKDF-SHA256.
/// </summary>
public sealed class Bip324Cipher : IDisposable
{
    /// <summary>Size of the encrypted length field.</summary>
    public const int LengthSize = 3;

    /// <summary>Size of the header byte inside the authenticated plaintext.</summary>
    public const int HeaderSize = 1;

    /// <summary>Bytes a packet adds to its contents: length, header and tag.</summary>
    public const int Expansion = LengthSize + HeaderSize + FSChaCha20Poly1305.Expansion;

    /// <summary>Size of each garbage terminator.</summary>
    public const int GarbageTerminatorSize = 16;

    /// <summary>Packets (or lengths) between rekeyings.</summary>
    public const uint RekeyInterval = 224;

    /// <summary>The header bit that marks a decoy packet, to be ignored.</summary>
    public const byte IgnoreBit = 0x80;

    private readonly byte[] _ourPubKey;
    private byte[]? _key;
    private FSChaCha20? _sendLengthCipher;
    private FSChaCha20? _receiveLengthCipher;
    private FSChaCha20Poly1305? _sendPacketCipher;
    private FSChaCha20Poly1305? _receivePacketCipher;
    private readonly byte[] _sendGarbageTerminator = new byte[GarbageTerminatorSize];
    private readonly byte[] _receiveGarbageTerminator = new byte[GarbageTerminatorSize];
    private readonly byte[] _sessionId = new byte[32];

    /// <summary>A cipher for the secret key <paramref name="secretKey"/> whose public key is encoded as <paramref name="ourPubKey"/>.</summary>
    public Bip324Cipher(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> ourPubKey)
    {
        if (secretKey.Length != 32 || ourPubKey.Length != EllSwift.EncodedSize)
            throw new ArgumentException("The secret key is 32 bytes and its encoding 64.");
        _key = secretKey.ToArray();
        _ourPubKey = ourPubKey.ToArray();
    }

    /// <summary>A cipher with a fresh random key and a random encoding of its public key.</summary>
    public static Bip324Cipher CreateRandom()
    {
        using var key = new NBitcoin.Key();
        var secret = key.ToBytes();
        try
        {
            return new Bip324Cipher(secret, EllSwift.Create(secret, RandomNumberGenerator.GetBytes(32)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Our encoded public key (64 bytes), sent first.</summary>
    public ReadOnlySpan<byte> OurPubKey => _ourPubKey;

    /// <summary>True once <see cref="Initialize"/> ran.</summary>
    public bool IsInitialized => _sendPacketCipher is not null;

    /// <summary>The session id (32 bytes; getpeerinfo "session_id"), valid after <see cref="Initialize"/>.</summary>
    public ReadOnlySpan<byte> SessionId => _sessionId;

    /// <summary>The terminator we send after our garbage.</summary>
    public ReadOnlySpan<byte> SendGarbageTerminator => _sendGarbageTerminator;

    /// <summary>The terminator that ends the peer's garbage.</summary>
    public ReadOnlySpan<byte> ReceiveGarbageTerminator => _receiveGarbageTerminator;

    /// <summary>
    /// Derives the session from the peer's encoded key: ECDH, then HKDF-SHA256 with salt "bitcoin_v2_shared_secret" plus
    /// the network magic. <paramref name="selfDecrypt"/> swaps the directions (tests decrypt their own output).
    /// Forgets the secret key.
    /// </summary>
    public void Initialize(ReadOnlySpan<byte> theirPubKey, bool initiator, ReadOnlySpan<byte> magic, bool selfDecrypt = false)
    {
        if (_key is null)
            throw new InvalidOperationException("The cipher is initialized already.");
        if (theirPubKey.Length != EllSwift.EncodedSize)
            throw new ArgumentException("An encoded public key is 64 bytes.", nameof(theirPubKey));
        var secret = initiator
            ? EllSwift.ComputeBip324Secret(_ourPubKey, theirPubKey, _key, weAreResponder: false)
            : EllSwift.ComputeBip324Secret(theirPubKey, _ourPubKey, _key, weAreResponder: true);
        var salt = new byte[24 + magic.Length];
        Encoding.ASCII.GetBytes("bitcoin_v2_shared_secret", salt);
        magic.CopyTo(salt.AsSpan(24));
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, secret, salt);
        var okm = new byte[32];
        bool side = initiator != selfDecrypt;
        Expand(prk, "initiator_L", okm);
        var initiatorLength = new FSChaCha20(okm, RekeyInterval);
        Expand(prk, "initiator_P", okm);
        var initiatorPacket = new FSChaCha20Poly1305(okm, RekeyInterval);
        Expand(prk, "responder_L", okm);
        var responderLength = new FSChaCha20(okm, RekeyInterval);
        Expand(prk, "responder_P", okm);
        var responderPacket = new FSChaCha20Poly1305(okm, RekeyInterval);
        (_sendLengthCipher, _receiveLengthCipher) = side ? (initiatorLength, responderLength) : (responderLength, initiatorLength);
        (_sendPacketCipher, _receivePacketCipher) = side ? (initiatorPacket, responderPacket) : (responderPacket, initiatorPacket);

        // The initiator's terminator is the first 16 bytes, the responder's the last 16 (by role, not by side).
        Expand(prk, "garbage_terminators", okm);
        okm.AsSpan(0, GarbageTerminatorSize).CopyTo(initiator ? _sendGarbageTerminator : _receiveGarbageTerminator);
        okm.AsSpan(32 - GarbageTerminatorSize).CopyTo(initiator ? _receiveGarbageTerminator : _sendGarbageTerminator);
        Expand(prk, "session_id", _sessionId);

        CryptographicOperations.ZeroMemory(secret);
        CryptographicOperations.ZeroMemory(prk);
        CryptographicOperations.ZeroMemory(okm);
        CryptographicOperations.ZeroMemory(_key);
        _key = null;
    }

    /// <summary>Encrypts one packet (<paramref name="output"/> is the contents length plus <see cref="Expansion"/>).</summary>
    public void Encrypt(ReadOnlySpan<byte> contents, ReadOnlySpan<byte> aad, bool ignore, Span<byte> output)
    {
        EnsureInitialized();
        if (output.Length != contents.Length + Expansion)
            throw new ArgumentException("The output must be the contents length plus the expansion.", nameof(output));
        Span<byte> length = [(byte)contents.Length, (byte)(contents.Length >> 8), (byte)(contents.Length >> 16)];
        _sendLengthCipher!.Crypt(length, output[..LengthSize]);
        ReadOnlySpan<byte> header = [ignore ? IgnoreBit : (byte)0];
        _sendPacketCipher!.Encrypt(header, contents, aad, output[LengthSize..]);
    }

    /// <summary>Decrypts the 3-byte length of the next packet's contents.</summary>
    public uint DecryptLength(ReadOnlySpan<byte> input)
    {
        EnsureInitialized();
        Span<byte> length = stackalloc byte[LengthSize];
        _receiveLengthCipher!.Crypt(input[..LengthSize], length);
        return length[0] | ((uint)length[1] << 8) | ((uint)length[2] << 16);
    }

    /// <summary>
    /// Authenticates and decrypts a packet after its length (<paramref name="input"/> is header, contents and tag);
    /// false when authentication fails. <paramref name="ignore"/> reports a decoy.
    /// </summary>
    public bool Decrypt(ReadOnlySpan<byte> input, ReadOnlySpan<byte> aad, out bool ignore, Span<byte> contents)
    {
        EnsureInitialized();
        ignore = false;
        if (input.Length + LengthSize != contents.Length + Expansion)
            throw new ArgumentException("The input must be the contents length plus header and tag.", nameof(input));
        var plain = System.Buffers.ArrayPool<byte>.Shared.Rent(contents.Length + HeaderSize);
        try
        {
            var span = plain.AsSpan(0, contents.Length + HeaderSize);
            if (!_receivePacketCipher!.Decrypt(input, aad, span))
                return false;
            ignore = (span[0] & IgnoreBit) == IgnoreBit;
            span[HeaderSize..].CopyTo(contents);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, contents.Length + HeaderSize));
            System.Buffers.ArrayPool<byte>.Shared.Return(plain);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sendPacketCipher?.Dispose();
        _receivePacketCipher?.Dispose();
        if (_key is not null)
            CryptographicOperations.ZeroMemory(_key);
    }

    private static void Expand(byte[] prk, string info, Span<byte> output) =>
        HKDF.Expand(HashAlgorithmName.SHA256, prk, output, Encoding.ASCII.GetBytes(info));

    private void EnsureInitialized()
    {
        if (!IsInitialized)
            throw new InvalidOperationException("The cipher is not initialized.");
    }
}
