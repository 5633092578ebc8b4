using System.Text;

namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>
/// A concatenation of text pieces, flattened once at the end: building a deep miniscript's text by concatenating
/// child strings would copy the text once per nesting level.
/// </summary>
internal sealed class TextRope
{
    private readonly string? _text;
    private readonly List<TextRope>? _parts;

    private TextRope(string? text, List<TextRope>? parts)
    {
        _text = text;
        _parts = parts;
    }

    public static TextRope Of(string text) => new(text, null);

    public static TextRope Concat(params TextRope[] parts) => new(null, [.. parts]);

    public override string ToString()
    {
        var sb = new StringBuilder();
        var stack = new Stack<TextRope>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var r = stack.Pop();
            if (r._text is not null)
            {
                sb.Append(r._text);
                continue;
            }
            for (int i = r._parts!.Count - 1; i >= 0; i--) stack.Push(r._parts[i]);
        }
        return sb.ToString();
    }
}
