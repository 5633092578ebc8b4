using System.Text;

namespace Capnp.Generator;

/// <summary>Writes indented C# with LF line endings.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;
    private bool _pendingBlank;

    /// <summary>Writes one line at the current indentation (an empty string writes an empty line).</summary>
    public void Line(string line = "")
    {
        if (line.Length == 0)
        {
            _pendingBlank = true;
            return;
        }

        FlushBlank();
        _text.Append(' ', _indent * 4).Append(line).Append('\n');
    }

    /// <summary>Writes a blank line before the next line, unless that line closes a block.</summary>
    public void Blank() => _pendingBlank = true;

    /// <summary>Opens a brace block.</summary>
    public void Open(string header)
    {
        Line(header);
        Line("{");
        _pendingBlank = false;
        _indent++;
    }

    /// <summary>Closes a brace block, with an optional suffix after the brace (";").</summary>
    public void Close(string suffix = "")
    {
        _pendingBlank = false;
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Writes a doc comment summary (nothing when <paramref name="doc"/> is empty).</summary>
    public void Summary(string? doc) => SummaryXml(doc is null ? null : Naming.XmlEscape(doc));

    /// <summary>Writes a doc comment summary whose text is already XML (may hold tags).</summary>
    public void SummaryXml(string? doc)
    {
        if (string.IsNullOrWhiteSpace(doc))
            return;
        var lines = doc.Trim().Split('\n').Select(l => l.TrimEnd()).ToList();
        if (lines.Count == 1)
        {
            Line($"/// <summary>{lines[0].Trim()}</summary>");
            return;
        }

        Line("/// <summary>");
        foreach (var l in lines)
            Line(l.Length == 0 ? "///" : "/// " + l);
        Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();

    private void FlushBlank()
    {
        if (_pendingBlank && _text.Length > 0)
        {
            var last = _text[^2];
            if (last != '{')
                _text.Append('\n');
        }

        _pendingBlank = false;
    }
}
