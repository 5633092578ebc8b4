using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>
/// Core's key_io.cpp for a given network: addresses (with Core's decoding error messages and Bech32 error
/// locations), WIF private keys, and BIP32 extended keys. Keys and addresses of another network do not decode.
/// </summary>
public static class AddressEncoding
{
    private const int ExtKeySize = 74;
    private const int WitnessProgramMaxLength = 40;

    /// <summary>Core's EncodeDestination: the address string, or "" for destinations without an address.</summary>
    public static string EncodeDestination(TxDestination destination, Network network)
    {
        var p = NetworkPrefixes.For(network);
        switch (destination)
        {
            case PubKeyHashDestination pkh:
                return Base58.EncodeCheck([.. p.PubKeyAddress, .. pkh.Hash.ToBytes()]);
            case ScriptHashDestination sh:
                return Base58.EncodeCheck([.. p.ScriptAddress, .. sh.Hash.ToBytes()]);
            case WitnessV0KeyHashDestination wpkh:
                return EncodeSegwit(p.Hrp, 0, wpkh.Hash.ToBytes(), Bech32Encoding.Bech32);
            case WitnessV0ScriptHashDestination wsh:
                return EncodeSegwit(p.Hrp, 0, wsh.Hash, Bech32Encoding.Bech32);
            case WitnessV1TaprootDestination tr:
                return EncodeSegwit(p.Hrp, 1, tr.OutputKey, Bech32Encoding.Bech32m);
            case PayToAnchorDestination:
                return EncodeSegwit(p.Hrp, 1, PayToAnchorDestination.Program, Bech32Encoding.Bech32m);
            case WitnessUnknownDestination unknown:
                if (unknown.Version < 1 || unknown.Version > 16 || unknown.Program.Length < 2 || unknown.Program.Length > 40)
                    return "";
                return EncodeSegwit(p.Hrp, unknown.Version, unknown.Program, Bech32Encoding.Bech32m);
            default:
                return "";
        }
    }

    /// <summary>Core's DecodeDestination with its error message and error locations.</summary>
    public static AddressDecodeResult DecodeDestination(string str, Network network)
    {
        var p = NetworkPrefixes.For(network);
        var none = new NoDestination();
        // Only strings starting with this network's HRP are tried as Bech32; a valid address of another network
        // falls through to the Base58 path and fails there.
        bool isBech32 = str.Length >= p.Hrp.Length && str[..p.Hrp.Length].ToLowerInvariant() == p.Hrp;

        if (!isBech32 && Base58.TryDecodeCheck(str, 21, out var data))
        {
            if (data.Length == 20 + p.PubKeyAddress.Length && data.AsSpan().StartsWith(p.PubKeyAddress))
                return Ok(new PubKeyHashDestination(new KeyId(data[p.PubKeyAddress.Length..])));
            if (data.Length == 20 + p.ScriptAddress.Length && data.AsSpan().StartsWith(p.ScriptAddress))
                return Ok(new ScriptHashDestination(new ScriptId(data[p.ScriptAddress.Length..])));
            if (data.AsSpan().StartsWith(p.ScriptAddress) || data.AsSpan().StartsWith(p.PubKeyAddress))
                return Fail("Invalid length for Base58 address (P2PKH or P2SH)");
            return Fail("Invalid or unsupported Base58-encoded address.");
        }
        if (!isBech32)
        {
            return Base58.TryDecode(str, 100, out _)
                ? Fail("Invalid checksum or length of Base58 address (P2PKH or P2SH)")
                : Fail("Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
        }

        var dec = Bech32.Decode(str);
        if (dec.Encoding is Bech32Encoding.Bech32 or Bech32Encoding.Bech32m)
        {
            if (dec.Data.Length == 0) return Fail("Empty Bech32 data section");
            if (dec.Hrp != p.Hrp)
                return Fail($"Invalid or unsupported prefix for Segwit (Bech32) address (expected {p.Hrp}, got {dec.Hrp}).");
            int version = dec.Data[0];
            if (version == 0 && dec.Encoding != Bech32Encoding.Bech32)
                return Fail("Version 0 witness address must use Bech32 checksum");
            if (version != 0 && dec.Encoding != Bech32Encoding.Bech32m)
                return Fail("Version 1+ witness address must use Bech32m checksum");
            if (!Bech32.ConvertBits(dec.Data.AsSpan(1), 5, 8, false, out var program))
                return Fail("Invalid padding in Bech32 data section");
            string bytes = program.Length == 1 ? "byte" : "bytes";
            if (version == 0)
            {
                if (program.Length == 20) return Ok(new WitnessV0KeyHashDestination(new KeyId(program)));
                if (program.Length == 32) return Ok(new WitnessV0ScriptHashDestination(program));
                return Fail($"Invalid Bech32 v0 address program size ({program.Length} {bytes}), per BIP141");
            }
            if (version == 1 && program.Length == 32) return Ok(new WitnessV1TaprootDestination(program));
            if (ScriptParsing.IsPayToAnchor(version, program)) return Ok(new PayToAnchorDestination());
            if (version > 16) return Fail("Invalid Bech32 address witness version");
            if (program.Length < 2 || program.Length > WitnessProgramMaxLength)
                return Fail($"Invalid Bech32 address program size ({program.Length} {bytes})");
            return Ok(new WitnessUnknownDestination(version, program));
        }

        var (error, locations) = Bech32.LocateErrors(str);
        return new AddressDecodeResult(none, error, locations);

        static AddressDecodeResult Ok(TxDestination d) => new(d, "", []);
        AddressDecodeResult Fail(string message) => new(none, message, []);
    }

    /// <summary>True if the string is a valid address of the network (Core's IsValidDestinationString).</summary>
    public static bool IsValidDestinationString(string str, Network network) => DecodeDestination(str, network).IsValid;

    /// <summary>Core's EncodeSecret: WIF, with the compression flag byte for compressed keys.</summary>
    public static string EncodeSecret(Key key, Network network)
    {
        var p = NetworkPrefixes.For(network);
        byte[] data = key.IsCompressed ? [.. p.SecretKey, .. key.ToBytes(), 1] : [.. p.SecretKey, .. key.ToBytes()];
        return Base58.EncodeCheck(data);
    }

    /// <summary>Core's DecodeSecret: the key, or null if the string is not a valid WIF key of this network.</summary>
    public static Key? DecodeSecret(string str, Network network)
    {
        var p = NetworkPrefixes.For(network);
        if (!Base58.TryDecodeCheck(str, 34, out var data)) return null;
        int n = p.SecretKey.Length;
        bool uncompressed = data.Length == 32 + n;
        bool compressed = data.Length == 33 + n && data[^1] == 1;
        if ((!uncompressed && !compressed) || !data.AsSpan().StartsWith(p.SecretKey)) return null;
        return TryMakeKey(data.AsSpan(n, 32), compressed);
    }

    /// <summary>Core's EncodeExtPubKey (xpub/tpub).</summary>
    public static string EncodeExtPubKey(ExtPubKey key, Network network)
        => Base58.EncodeCheck([.. NetworkPrefixes.For(network).ExtPublicKey, .. SerializeExtKey(key.Depth, key.ParentFingerprint, key.Child, key.ChainCode, key.PubKey.Compress().ToBytes())]);

    /// <summary>Core's EncodeExtKey (xprv/tprv).</summary>
    public static string EncodeExtKey(ExtKey key, Network network)
        => Base58.EncodeCheck([.. NetworkPrefixes.For(network).ExtSecretKey, .. SerializeExtKey(key.Depth, key.ParentFingerprint, key.Child, key.ChainCode, [0, .. key.PrivateKey.ToBytes()])]);

    /// <summary>Core's DecodeExtPubKey: null unless a valid extended public key of this network.</summary>
    public static ExtPubKey? DecodeExtPubKey(string str, Network network)
    {
        var p = NetworkPrefixes.For(network);
        if (!Base58.TryDecodeCheck(str, 78, out var data)) return null;
        if (data.Length != ExtKeySize + p.ExtPublicKey.Length || !data.AsSpan().StartsWith(p.ExtPublicKey)) return null;
        var code = data.AsSpan(p.ExtPublicKey.Length);
        if (!HasConsistentDepth(code)) return null;
        if (!PubKeyBytes.TryParse(code[41..74], out var pubkey) || !pubkey.IsCompressed) return null;
        var fingerprint = new HDFingerprint(code.Slice(1, 4));
        return new ExtPubKey(pubkey, code.Slice(9, 32).ToArray(), code[0], fingerprint, ReadChild(code));
    }

    /// <summary>Core's DecodeExtKey: null unless a valid extended private key of this network.</summary>
    public static ExtKey? DecodeExtKey(string str, Network network)
    {
        var p = NetworkPrefixes.For(network);
        if (!Base58.TryDecodeCheck(str, 78, out var data)) return null;
        if (data.Length != ExtKeySize + p.ExtSecretKey.Length || !data.AsSpan().StartsWith(p.ExtSecretKey)) return null;
        var code = data.AsSpan(p.ExtSecretKey.Length);
        if (!HasConsistentDepth(code) || code[41] != 0) return null;
        var key = TryMakeKey(code.Slice(42, 32), compressed: true);
        if (key is null) return null;
        var fingerprint = new HDFingerprint(code.Slice(1, 4));
        return new ExtKey(key, code.Slice(9, 32).ToArray(), code[0], fingerprint, ReadChild(code));
    }

    private static string EncodeSegwit(string hrp, int version, ReadOnlySpan<byte> program, Bech32Encoding encoding)
    {
        Bech32.ConvertBits(program, 8, 5, true, out var values);
        return Bech32.Encode(encoding, hrp, [(byte)version, .. values]);
    }

    // A depth-0 (master) key must have child number 0 and a zero parent fingerprint.
    private static bool HasConsistentDepth(ReadOnlySpan<byte> code)
        => code[0] != 0 || (ReadChild(code) == 0 && code.Slice(1, 4).IndexOfAnyExcept((byte)0) < 0);

    private static uint ReadChild(ReadOnlySpan<byte> code) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(code.Slice(5, 4));

    private static byte[] SerializeExtKey(byte depth, HDFingerprint parent, uint child, byte[] chainCode, byte[] keyData)
    {
        var code = new byte[ExtKeySize];
        code[0] = depth;
        parent.ToBytes().CopyTo(code, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(code.AsSpan(5), child);
        chainCode.CopyTo(code, 9);
        keyData.CopyTo(code, 41);
        return code;
    }

    private static Key? TryMakeKey(ReadOnlySpan<byte> secret, bool compressed)
    {
        // NBitcoin refuses out-of-range scalars by throwing; Core treats them as an invalid (unset) key.
        if (secret.IndexOfAnyExcept((byte)0) < 0) return null;
        try
        {
            return new Key(secret.ToArray(), -1, compressed);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
