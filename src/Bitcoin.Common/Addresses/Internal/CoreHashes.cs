using System.Security.Cryptography;
using System.Text;
using NBitcoin;

namespace Bitcoin.Common.Addresses.Internal;

/// <summary>The hash functions the formats need, over spans.</summary>
internal static class CoreHashes
{
    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public static byte[] DoubleSha256(ReadOnlySpan<byte> data) => SHA256.HashData(SHA256.HashData(data));

    public static byte[] Hash160(ReadOnlySpan<byte> data) => NBitcoin.Crypto.Hashes.RIPEMD160(SHA256.HashData(data));

    public static byte[] Ripemd160(ReadOnlySpan<byte> data) => NBitcoin.Crypto.Hashes.RIPEMD160(data.ToArray());

    /// <summary>BIP340 tagged hash: SHA256(SHA256(tag) || SHA256(tag) || data).</summary>
    public static byte[] Tagged(string tag, ReadOnlySpan<byte> data)
    {
        byte[] tagHash = SHA256.HashData(Encoding.ASCII.GetBytes(tag));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(tagHash);
        sha.AppendData(tagHash);
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    public static KeyId KeyIdOf(ReadOnlySpan<byte> pubkey) => new(Hash160(pubkey));

    public static ScriptId ScriptIdOf(ReadOnlySpan<byte> script) => new(Hash160(script));
}
