namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>Key handling a miniscript needs in every use: its script context and how keys compare (for duplicate-key checks).</summary>
internal interface IMiniscriptKeyContext<TKey>
{
    MiniscriptContext MsContext { get; }

    /// <summary>Core's KeyCompare (a strict weak ordering of keys).</summary>
    int CompareKeys(TKey a, TKey b);
}

/// <summary>Parses key expressions inside miniscript text.</summary>
internal interface IMiniscriptStringParser<TKey> : IMiniscriptKeyContext<TKey>
{
    /// <summary>Parses a key expression; false on failure.</summary>
    bool TryFromString(string text, out TKey key);
}

/// <summary>Recovers keys from script pushes when decoding a script.</summary>
internal interface IMiniscriptScriptParser<TKey> : IMiniscriptKeyContext<TKey>
{
    /// <summary>A key from a 33-byte (or 32-byte in tapscript) push; false if not acceptable.</summary>
    bool TryFromPKBytes(byte[] bytes, out TKey key);

    /// <summary>A key from a 20-byte key hash; false if unknown.</summary>
    bool TryFromPKHBytes(byte[] hash, out TKey key);
}

/// <summary>Turns keys into script bytes.</summary>
internal interface IMiniscriptScriptMaker<TKey>
{
    byte[] ToPKBytes(TKey key);

    byte[] ToPKHBytes(TKey key);
}

/// <summary>Turns keys into text; null if a key cannot be written (e.g. a normalized form needs a private key).</summary>
internal interface IMiniscriptStringMaker<TKey>
{
    string? ToString(TKey key, out bool hasPrivateKey);
}

/// <summary>Provides signatures, preimages and timelock checks to build a witness.</summary>
internal interface IMiniscriptSatisfier<TKey>
{
    byte[] ToPKBytes(TKey key);

    Availability Sign(TKey key, out byte[] signature);

    bool CheckAfter(uint value);

    bool CheckOlder(uint value);

    Availability SatSha256(byte[] hash, out byte[] preimage);

    Availability SatRipemd160(byte[] hash, out byte[] preimage);

    Availability SatHash256(byte[] hash, out byte[] preimage);

    Availability SatHash160(byte[] hash, out byte[] preimage);
}
