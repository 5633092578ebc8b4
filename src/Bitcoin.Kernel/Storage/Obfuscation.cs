namespace Bitcoin.Kernel.Storage;

/// <summary>
/// The 8-byte XOR key Core applies to block and undo files (blocks/xor.dat) and to database values: byte i of a
/// file at offset o is XORed with key[(o + i) % 8]. An all-zero key leaves data unchanged.
/// </summary>
public sealed class Obfuscation
{
    /// <summary>Key length in bytes.</summary>
    public const int KeySize = 8;

    private readonly byte[] _key;

    /// <summary>Creates the transform for an 8-byte key.</summary>
    public Obfuscation(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException($"An obfuscation key is exactly {KeySize} bytes.", nameof(key));
        _key = key.ToArray();
        IsActive = _key.AsSpan().IndexOfAnyExcept((byte)0) >= 0;
    }

    /// <summary>The identity transform (all-zero key).</summary>
    public static Obfuscation None { get; } = new(new byte[KeySize]);

    /// <summary>False for the all-zero key, which changes nothing.</summary>
    public bool IsActive { get; }

    /// <summary>The key bytes.</summary>
    public ReadOnlySpan<byte> Key => _key;

    /// <summary>The key in hex, as Core logs it.</summary>
    public string HexKey => Convert.ToHexStringLower(_key);

    /// <summary>XORs <paramref name="data"/> in place, as data that starts at <paramref name="offset"/> in its file.</summary>
    public void Apply(Span<byte> data, long offset = 0)
    {
        if (!IsActive) return;
        int k = (int)(offset % KeySize);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= _key[k];
            k = (k + 1) & (KeySize - 1);
        }
    }
}
