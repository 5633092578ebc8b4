namespace Bitcoin.Wallet.Crypto;

/// <summary>
/// The wallet's encryption key encrypted with the user's passphrase (Core's <c>CMasterKey</c>, the <c>mkey</c>
/// record): AES-256-CBC of the 32-byte master key under a key and IV derived from passphrase and salt by
/// <see cref="DeriveIterations"/> rounds of SHA-512 (<see cref="DerivationMethod"/> 0).
/// </summary>
public sealed class MasterKey
{
    /// <summary>The least number of derivation rounds Core uses (DEFAULT_DERIVE_ITERATIONS).</summary>
    public const uint DefaultDeriveIterations = 25000;

    /// <summary>The encrypted master key.</summary>
    public byte[] CryptedKey { get; set; } = [];

    /// <summary>The 8-byte salt.</summary>
    public byte[] Salt { get; set; } = [];

    /// <summary>0: EVP_BytesToKey-style SHA-512.</summary>
    public uint DerivationMethod { get; set; }

    /// <summary>Rounds of SHA-512, measured at encryption time so that deriving takes about 100 ms.</summary>
    public uint DeriveIterations { get; set; } = DefaultDeriveIterations;

    /// <summary>Unused by method 0 (kept as read).</summary>
    public byte[] OtherDerivationParameters { get; set; } = [];

    /// <summary>A copy.</summary>
    public MasterKey Clone() => new()
    {
        CryptedKey = (byte[])CryptedKey.Clone(),
        Salt = (byte[])Salt.Clone(),
        DerivationMethod = DerivationMethod,
        DeriveIterations = DeriveIterations,
        OtherDerivationParameters = (byte[])OtherDerivationParameters.Clone(),
    };
}
