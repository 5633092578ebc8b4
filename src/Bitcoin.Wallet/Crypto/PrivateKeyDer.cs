using NBitcoin;

namespace Bitcoin.Wallet.Crypto;

/// <summary>
/// Core's <c>CPrivKey</c>: a private key in the DER encoding of SEC 1's ECPrivateKey with the secp256k1 parameters and
/// the public key included (key.cpp <c>ec_seckey_export_der</c> / <c>ec_seckey_import_der</c>); 214 bytes for a
/// compressed key, 279 for an uncompressed one. Descriptor wallets store keys this way.
/// </summary>
public static class PrivateKeyDer
{
    // SEC 1 ECPrivateKey: SEQUENCE { version 1, privateKey OCTET STRING(32), [0] ECParameters, [1] publicKey }, the
    // parameters naming the prime field, the curve (a=0, b=7), the generator, the order and cofactor 1.
    private const string OrderAndCofactor = "022100FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141020101";
    private const string GeneratorCompressed = "0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798";
    private const string GeneratorUncompressed =
        "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8";

    /// <summary>Encodes <paramref name="key"/> as Core does.</summary>
    public static byte[] Export(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool compressed = key.IsCompressed;
        var generator = Convert.FromHexString(compressed ? GeneratorCompressed : GeneratorUncompressed);
        var pub = key.PubKey.ToBytes();
        // ECParameters: SEQUENCE { version, fieldID, curve, base OCTET STRING, order, cofactor }
        var parametersBody = Concat(
            Convert.FromHexString("020101"),
            Convert.FromHexString("302C06072A8648CE3D0101022100FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F"),
            Convert.FromHexString("3006040100040107"),
            [0x04, (byte)generator.Length], generator,
            Convert.FromHexString(OrderAndCofactor));
        var parameters = Concat([0x30, 0x81, (byte)parametersBody.Length], parametersBody);
        var explicitParameters = Concat([0xA0, 0x81, (byte)parameters.Length], parameters);
        var publicKey = Concat([0xA1, (byte)(pub.Length + 3), 0x03, (byte)(pub.Length + 1), 0x00], pub);
        var body = Concat(Convert.FromHexString("020101"), [0x04, 0x20], key.ToBytes(), explicitParameters, publicKey);
        byte[] header = body.Length < 256 ? [0x30, 0x81, (byte)body.Length] : [0x30, 0x82, (byte)(body.Length >> 8), (byte)body.Length];
        return Concat(header, body);
    }

    /// <summary>
    /// Reads the 32-byte secret from Core's DER (the parser is as lenient as Core's: only the header, version and
    /// private key octets are checked) and returns the key with <paramref name="pubkey"/>'s compression; null if it
    /// cannot be read or, unless <paramref name="skipCheck"/>, does not match <paramref name="pubkey"/>.
    /// </summary>
    public static Key? Import(ReadOnlySpan<byte> der, PubKey pubkey, bool skipCheck)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        int p = 0;
        if (der.Length < 1 || der[p] != 0x30) return null;
        p++;
        if (der.Length - p < 1 || (der[p] & 0x80) == 0) return null;
        int lenBytes = der[p] & 0x7f;
        p++;
        if (lenBytes < 1 || lenBytes > 2 || der.Length - p < lenBytes) return null;
        int len = der[p + lenBytes - 1] | (lenBytes > 1 ? der[p + lenBytes - 2] << 8 : 0);
        p += lenBytes;
        if (der.Length - p < len) return null;
        if (der.Length - p < 3 || der[p] != 0x02 || der[p + 1] != 0x01 || der[p + 2] != 0x01) return null;
        p += 3;
        if (der.Length - p < 2 || der[p] != 0x04) return null;
        int octets = der[p + 1];
        p += 2;
        if (octets > 32 || der.Length - p < octets) return null;
        var secret = new byte[32];
        der.Slice(p, octets).CopyTo(secret.AsSpan(32 - octets));
        try
        {
            var key = new Key(secret, 32, pubkey.IsCompressed);
            if (!skipCheck && key.PubKey != pubkey) return null;
            return key;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        int offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
