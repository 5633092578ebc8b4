using System.Text;

namespace Bitcoin.Common.Util;

/// <summary>Text layout helpers with Core's exact behaviour (help output is compared byte for byte by users' scripts).</summary>
public static class TextFormatting
{
    /// <summary>
    /// Wraps <paramref name="text"/> to lines of at most <paramref name="width"/> columns, indenting continuation lines by
    /// <paramref name="indent"/> spaces, as Core's <c>FormatParagraph</c>: breaks at the last space that fits, keeps
    /// existing newlines, and leaves a word longer than the line on a line of its own.
    /// </summary>
    public static string FormatParagraph(string text, int width = 79, int indent = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, indent);
        var output = new StringBuilder(text.Length + 16);
        var position = 0;
        var indented = 0;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            if (lineEnd < 0)
                lineEnd = text.Length;
            var lineLength = lineEnd - position;
            var remainingWidth = width - indented;
            if (lineLength <= remainingWidth)
            {
                // Copy the line together with its newline, if it has one.
                output.Append(text, position, Math.Min(lineLength + 1, text.Length - position));
                position = lineEnd + 1;
                indented = 0;
                continue;
            }

            var searchEnd = Math.Min(position + remainingWidth, text.Length - 1);
            var finalSpace = text.LastIndexOfAny([' ', '\n'], searchEnd);
            if (finalSpace < position)
            {
                // No place to break: keep the whole word and move on.
                finalSpace = text.IndexOfAny(['\n', ' '], position);
                if (finalSpace < 0)
                {
                    output.Append(text, position, text.Length - position);
                    break;
                }
            }

            output.Append(text, position, finalSpace - position).Append('\n');
            if (text[finalSpace] == '\n')
            {
                indented = 0;
            }
            else if (indent > 0)
            {
                output.Append(' ', indent);
                indented = indent;
            }

            position = finalSpace + 1;
        }

        return output.ToString();
    }

    /// <summary>Quotes a path as C++'s <c>std::quoted</c> does (Core's <c>fs::quoted</c>): double quotes, with '"' and '\' escaped.</summary>
    public static string Quoted(string text)
    {
        var output = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                output.Append('\\');
            output.Append(c);
        }

        return output.Append('"').ToString();
    }
}
