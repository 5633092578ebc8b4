using System.Diagnostics;
using System.Security.Cryptography;
using NBitcoin;

namespace Bitcoin.Wallet.Crypto;

/// <summary>
/// Core's wallet encryption (wallet/crypter.cpp): the key and IV of AES-256-CBC derived from a passphrase as OpenSSL's
/// EVP_BytesToKey with SHA-512 (hash passphrase||salt, then re-hash the digest rounds-1 times; key = first 32 bytes,
/// IV = next 16); private keys encrypted with the master key and the first 16 bytes of SHA256d(pubkey) as IV.
/// </summary>
public static class WalletCrypter
{
    /// <summary>AES-256 key size.</summary>
    public const int KeySize = 32;

    /// <summary>Salt size of a master key.</summary>
    public const int SaltSize = 8;

    /// <summary>AES block / IV size.</summary>
    public const int IvSize = 16;

    /// <summary>Derives the AES key and IV from a passphrase (Core's <c>BytesToKeySHA512AES</c>); false for 0 rounds or a salt of the wrong size.</summary>
    public static bool DeriveKeyFromPassphrase(string passphrase, ReadOnlySpan<byte> salt, uint rounds, uint derivationMethod, out byte[] key, out byte[] iv)
    {
        key = [];
        iv = [];
        if (rounds == 0 || salt.Length != SaltSize || derivationMethod != 0) return false;
        var passphraseBytes = System.Text.Encoding.UTF8.GetBytes(passphrase);
        Span<byte> buffer = stackalloc byte[64];
        var input = new byte[passphraseBytes.Length + salt.Length];
        passphraseBytes.CopyTo(input, 0);
        salt.CopyTo(input.AsSpan(passphraseBytes.Length));
        SHA512.HashData(input, buffer);
        for (uint i = 1; i < rounds; i++)
            SHA512.HashData(buffer, buffer);
        key = buffer[..KeySize].ToArray();
        iv = buffer.Slice(KeySize, IvSize).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        CryptographicOperations.ZeroMemory(input);
        CryptographicOperations.ZeroMemory(passphraseBytes);
        return true;
    }

    /// <summary>AES-256-CBC with PKCS#7 padding (Core's <c>CCrypter::Encrypt</c>).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        return aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
    }

    /// <summary>Decrypts; null if the padding is wrong (a wrong key, as Core's <c>Decrypt</c> returning false).</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length == 0 || ciphertext.Length % IvSize != 0) return null;
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        try
        {
            return aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Encrypts a secret with the master key and an IV taken from <paramref name="ivSource"/> (Core's <c>EncryptSecret</c>).</summary>
    public static byte[] EncryptSecret(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> plaintext, uint256 ivSource) =>
        Encrypt(masterKey, ivSource.ToBytes().AsSpan(0, IvSize), plaintext);

    /// <summary>Decrypts a private key and checks it against <paramref name="pubkey"/> (Core's <c>DecryptKey</c>); null on failure.</summary>
    public static Key? DecryptKey(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> cryptedSecret, PubKey pubkey)
    {
        var secret = Decrypt(masterKey, PubKeyHash(pubkey).ToBytes().AsSpan(0, IvSize), cryptedSecret);
        if (secret is null || secret.Length != 32) return null;
        try
        {
            var key = new Key(secret, 32, pubkey.IsCompressed);
            return key.PubKey == pubkey ? key : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Encrypts a private key for storage under its public key's hash (Core's key encryption).</summary>
    public static byte[] EncryptKey(ReadOnlySpan<byte> masterKey, Key key) => EncryptSecret(masterKey, key.ToBytes(), PubKeyHash(key.PubKey));

    /// <summary>SHA256d of the serialized public key (Core's <c>CPubKey::GetHash</c>), the IV source of key encryption.</summary>
    public static uint256 PubKeyHash(PubKey pubkey) => NBitcoin.Crypto.Hashes.DoubleSHA256(pubkey.ToBytes());

    /// <summary>
    /// Encrypts <paramref name="plainMasterKey"/> under <paramref name="passphrase"/>, measuring how many derivation
    /// rounds take about 100 ms (two timed runs averaged, never fewer than 25000), as Core's <c>EncryptMasterKey</c>.
    /// </summary>
    public static bool EncryptMasterKey(string passphrase, ReadOnlySpan<byte> plainMasterKey, MasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        var target = TimeSpan.FromMilliseconds(100);
        var updated = masterKey.Clone();
        for (int i = 0; i < 2; i++)
        {
            var watch = Stopwatch.StartNew();
            if (!DeriveKeyFromPassphrase(passphrase, updated.Salt, updated.DeriveIterations, updated.DerivationMethod, out _, out _))
                return false;
            var elapsed = watch.Elapsed;
            if (elapsed <= TimeSpan.Zero)
            {
                updated.DeriveIterations = MasterKey.DefaultDeriveIterations;
                break;
            }

            double targetIterations = updated.DeriveIterations * (target.TotalMilliseconds / elapsed.TotalMilliseconds);
            if (targetIterations < 1 || targetIterations > uint.MaxValue) return false;
            updated.DeriveIterations = (uint)(((ulong)updated.DeriveIterations * (ulong)i + (uint)targetIterations) / (ulong)(i + 1));
        }

        if (updated.DeriveIterations < MasterKey.DefaultDeriveIterations)
            updated.DeriveIterations = MasterKey.DefaultDeriveIterations;

        if (!DeriveKeyFromPassphrase(passphrase, updated.Salt, updated.DeriveIterations, updated.DerivationMethod, out var key, out var iv))
            return false;
        updated.CryptedKey = Encrypt(key, iv, plainMasterKey);
        CryptographicOperations.ZeroMemory(key);
        masterKey.CryptedKey = updated.CryptedKey;
        masterKey.DeriveIterations = updated.DeriveIterations;
        return true;
    }

    /// <summary>The plain master key, or null for a wrong passphrase (Core's <c>DecryptMasterKey</c>).</summary>
    public static byte[]? DecryptMasterKey(string passphrase, MasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        if (!DeriveKeyFromPassphrase(passphrase, masterKey.Salt, masterKey.DeriveIterations, masterKey.DerivationMethod, out var key, out var iv))
            return null;
        try
        {
            return Decrypt(key, iv, masterKey.CryptedKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
