using System.Globalization;
using System.Text;

namespace Capnp.Generator;

/// <summary>Turning schema names into C# names and literals.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>camelCase or snake_case to PascalCase: "makeThread" to "MakeThread", "c++" to "Cxx".</summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder(name.Length);
        bool upper = true;
        foreach (var c in name)
        {
            if (c == '+')
            {
                result.Append(upper ? 'X' : 'x');
                upper = false;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        if (result.Length == 0 || char.IsAsciiDigit(result[0]))
            result.Insert(0, '_');
        return result.ToString();
    }

    /// <summary>A name not yet in <paramref name="taken"/> (suffixed with underscores), which it then joins.</summary>
    public static string Unique(string desired, HashSet<string> taken)
    {
        var name = desired;
        while (!taken.Add(name))
            name += "_";
        return name;
    }

    /// <summary>An identifier usable in C# (keywords get '@').</summary>
    public static string Identifier(string name) => Keywords.Contains(name) ? "@" + name : name;

    /// <summary>Like <see cref="Unique"/>, but a C# keyword (a name a <c>$CSharp.name</c> annotation chose) comes back
    /// escaped with '@'; <see cref="Raw"/> undoes that for names derived from it.</summary>
    public static string UniqueIdentifier(string desired, HashSet<string> taken) => Identifier(Unique(desired, taken));

    /// <summary>The name without the '@' that escapes a keyword.</summary>
    public static string Raw(string identifier) => identifier.StartsWith('@') ? identifier[1..] : identifier;

    /// <summary>A namespace from a C++ namespace ("ipc::capnp::messages" to "Ipc.Capnp.Messages").</summary>
    public static string NamespaceFromCxx(string cxx) =>
        string.Join('.', cxx.Split("::", StringSplitOptions.RemoveEmptyEntries).Select(Pascal));

    /// <summary>A C# string literal.</summary>
    public static string StringLiteral(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || c > 0x7E)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string XmlEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A hex literal of a 64-bit id.</summary>
    public static string Hex(ulong id) => "0x" + id.ToString("x16", CultureInfo.InvariantCulture) + "UL";

    /// <summary>Lines of a byte array initialiser, 16 bytes a line.</summary>
    public static IEnumerable<string> ByteLines(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<string>();
        for (int i = 0; i < bytes.Length; i += 16)
        {
            var chunk = bytes.Slice(i, Math.Min(16, bytes.Length - i));
            var parts = new string[chunk.Length];
            for (int j = 0; j < chunk.Length; j++)
                parts[j] = "0x" + chunk[j].ToString("x2", CultureInfo.InvariantCulture);
            lines.Add(string.Join(", ", parts) + ",");
        }

        return lines;
    }
}
