using System.Text;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// Values in Cap'n Proto's text format, as the C++ library prints them (<c>kj::str(reader)</c>, <c>capnp decode
/// --short</c>): <c>(context = (thread = &lt;external capability&gt;), echo = "hi")</c>. Every field is printed except
/// null pointers; of a union only the active member; numbers as the C++ library writes them (<c>1e308</c>,
/// <c>inf</c>, <c>nan</c>); Text and Data C-escaped in quotes; enums by name (<c>(7)</c> when unknown);
/// capabilities as <c>&lt;external capability&gt;</c>, AnyPointer as <c>&lt;opaque pointer&gt;</c>. Schemas come from
/// <see cref="SchemaRegistry"/>, where generated code registers them.
/// </summary>
public static class CapnpText
{
    /// <summary>How deep nested structs and lists are printed by default (the reader's default nesting limit); deeper
    /// values print as <c>...</c>.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The text of a generated struct.</summary>
    /// <exception cref="CapnpFormatException">The message is malformed.</exception>
    public static string Format<T>(T value)
        where T : struct, IStructReader<T> =>
        Format(value.Struct, T.TypeId);

    /// <summary>The text of <paramref name="value"/> read as the struct (or group) <paramref name="typeId"/>.</summary>
    /// <exception cref="ArgumentException">No schema is registered for <paramref name="typeId"/>.</exception>
    /// <exception cref="CapnpFormatException">The message is malformed.</exception>
    public static string Format(StructReader value, ulong typeId)
    {
        if (!SchemaRegistry.TryGetStruct(typeId, out var schema))
            throw new ArgumentException($"No schema is registered for struct 0x{typeId:x16}.", nameof(typeId));
        return Format(value, schema);
    }

    /// <summary>The text of <paramref name="value"/> read as <paramref name="schema"/>.</summary>
    /// <exception cref="CapnpFormatException">The message is malformed.</exception>
    public static string Format(StructReader value, StructSchema schema)
    {
        var text = new StringBuilder();
        Append(text, value, schema);
        return text.ToString();
    }

    /// <summary>The text of a list of <paramref name="elementType"/>: <c>[1, 2, 3]</c>.</summary>
    /// <exception cref="CapnpFormatException">The message is malformed.</exception>
    public static string FormatList(ListReader list, TypeSchema elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        var text = new StringBuilder();
        new TextPrinter(text, int.MaxValue, DefaultMaxDepth).List(list, elementType, 0);
        return text.ToString();
    }

    /// <summary>Appends the text of <paramref name="value"/> read as <paramref name="schema"/>, adding nothing more once
    /// <paramref name="text"/> is longer than <paramref name="maxChars"/> (the caller cuts it), and printing
    /// <c>...</c> for structs and lists nested deeper than <paramref name="maxDepth"/>.</summary>
    /// <exception cref="CapnpFormatException">The message is malformed (what was appended so far stays).</exception>
    public static void Append(StringBuilder text, StructReader value, StructSchema schema, int maxChars = int.MaxValue,
        int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        new TextPrinter(text, maxChars, maxDepth).Struct(value, schema, 0);
    }
}
