namespace Capnp;

/// <summary>
/// Limits a <see cref="MessageReader"/> enforces against hostile input, the same as the C++ reader's defaults.
/// </summary>
public sealed record ReaderOptions
{
    /// <summary>The C++ default traversal limit: 8 Mi words (64 MiB).</summary>
    public const long DefaultTraversalLimitInWords = 8L * 1024 * 1024;

    /// <summary>The C++ default nesting limit.</summary>
    public const int DefaultNestingLimit = 64;

    /// <summary>The defaults: 8 Mi words of traversal, nesting 64.</summary>
    public static ReaderOptions Default { get; } = new();

    /// <summary>
    /// How many words a reader may visit in total, counting every object each time a pointer to it is followed,
    /// so that a small message full of pointers to one large object cannot make a reader do unbounded work.
    /// Also the largest message a framed reader accepts.
    /// </summary>
    public long TraversalLimitInWords { get; init; } = DefaultTraversalLimitInWords;

    /// <summary>How deep structs and lists may nest (which also stops pointer cycles).</summary>
    public int NestingLimit { get; init; } = DefaultNestingLimit;
}
