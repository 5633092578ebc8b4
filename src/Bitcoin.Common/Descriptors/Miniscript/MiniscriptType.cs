namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>
/// The miniscript type system: one basic type (B, V, K, W) plus properties (z o n d u e f s m x g h i j k), as a bit
/// set. <c>a.Is(b)</c> is Core's <c>a &lt;&lt; b</c>: a has every property of b.
/// </summary>
internal readonly record struct MiniscriptType(uint Flags)
{
    public static readonly MiniscriptType None = new(0);

    /// <summary>The type with the properties named by the letters of <paramref name="letters"/>.</summary>
    public static MiniscriptType Of(string letters) => s_cache.GetOrAdd(letters, Parse);

    // Type letters are constants in the type rules; parse each string once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MiniscriptType> s_cache = new();

    private static MiniscriptType Parse(string letters)
    {
        uint flags = 0;
        foreach (char c in letters)
        {
            flags |= c switch
            {
                'B' => 1u << 0,
                'V' => 1u << 1,
                'K' => 1u << 2,
                'W' => 1u << 3,
                'z' => 1u << 4,
                'o' => 1u << 5,
                'n' => 1u << 6,
                'd' => 1u << 7,
                'u' => 1u << 8,
                'e' => 1u << 9,
                'f' => 1u << 10,
                's' => 1u << 11,
                'm' => 1u << 12,
                'x' => 1u << 13,
                'g' => 1u << 14,
                'h' => 1u << 15,
                'i' => 1u << 16,
                'j' => 1u << 17,
                'k' => 1u << 18,
                _ => throw new ArgumentException($"Unknown miniscript type letter '{c}'"),
            };
        }
        return new MiniscriptType(flags);
    }

    public static MiniscriptType operator |(MiniscriptType a, MiniscriptType b) => new(a.Flags | b.Flags);

    public static MiniscriptType operator &(MiniscriptType a, MiniscriptType b) => new(a.Flags & b.Flags);

    /// <summary>True if this type has every property of <paramref name="other"/> (Core's <c>&lt;&lt;</c>).</summary>
    public bool Is(MiniscriptType other) => (other.Flags & ~Flags) == 0;

    /// <summary>True if this type has every property named in <paramref name="letters"/>.</summary>
    public bool Is(string letters) => Is(Of(letters));

    /// <summary>This type if <paramref name="condition"/>, otherwise the empty type.</summary>
    public MiniscriptType If(bool condition) => condition ? this : None;
}
