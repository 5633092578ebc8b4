using System.Text;

namespace Capnp;

/// <summary>
/// A Text value read in place: the UTF-8 bytes without the NUL terminator. Converting to <see cref="string"/>
/// decodes (and allocates); <see cref="Span"/> and <see cref="Utf8"/> do not copy.
/// </summary>
public readonly struct Text : IEquatable<Text>
{
    /// <summary>Wraps UTF-8 bytes (without a terminator).</summary>
    public Text(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    /// <summary>The UTF-8 bytes, without the NUL terminator.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>The UTF-8 bytes as a span.</summary>
    public ReadOnlySpan<byte> Span => Utf8.Span;

    /// <summary>Length in UTF-8 bytes.</summary>
    public int Length => Utf8.Length;

    /// <summary>True for an empty (or absent) text.</summary>
    public bool IsEmpty => Utf8.IsEmpty;

    /// <summary>Decodes to a string (invalid UTF-8 becomes U+FFFD, as the C++ library leaves bytes as they are).</summary>
    public static implicit operator string(Text text) => text.ToString();

    /// <summary>True when both hold the same bytes.</summary>
    public static bool operator ==(Text left, Text right) => left.Equals(right);

    /// <summary>True when the bytes differ.</summary>
    public static bool operator !=(Text left, Text right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);

    /// <summary>True when the text equals <paramref name="value"/>, compared as UTF-8 without allocating.</summary>
    public bool Equals(string? value)
    {
        if (value is null)
            return false;
        var span = Utf8.Span;
        if (Encoding.UTF8.GetByteCount(value) != span.Length)
            return false;
        Span<byte> buffer = span.Length <= 256 ? stackalloc byte[span.Length] : new byte[span.Length];
        Encoding.UTF8.GetBytes(value, buffer);
        return buffer.SequenceEqual(span);
    }

    /// <inheritdoc/>
    public bool Equals(Text other) => Utf8.Span.SequenceEqual(other.Utf8.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj switch
    {
        Text text => Equals(text),
        string s => Equals(s),
        _ => false,
    };

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Utf8.Span);
        return hash.ToHashCode();
    }
}
