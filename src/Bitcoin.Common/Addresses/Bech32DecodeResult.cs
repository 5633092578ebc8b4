namespace Bitcoin.Common.Addresses;

/// <summary>The result of <see cref="Bech32.Decode"/>: the encoding, the lower-case human-readable part, and the 5-bit data values (checksum removed).</summary>
public sealed record Bech32DecodeResult(Bech32Encoding Encoding, string Hrp, byte[] Data)
{
    /// <summary>The value for a string that is not valid Bech32 or Bech32m.</summary>
    public static Bech32DecodeResult Invalid { get; } = new(Bech32Encoding.Invalid, "", []);
}
