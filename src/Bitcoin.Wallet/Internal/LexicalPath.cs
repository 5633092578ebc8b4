namespace Bitcoin.Wallet.Internal;

/// <summary>
/// POSIX paths as std::filesystem sees them lexically: their elements (what <c>path::begin()..end()</c> yields, and
/// what <c>operator==</c> compares) and <c>lexically_normal()</c>. Core decides with these whether a wallet name is a
/// normalized path.
/// </summary>
internal static class LexicalPath
{
    /// <summary>
    /// The elements of <paramref name="path"/>: "/" for a root, each name between separators (repeated separators
    /// count once), and "" for a trailing separator after a name.
    /// </summary>
    public static List<string> Elements(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var elements = new List<string>();
        if (path.StartsWith('/')) elements.Add("/");
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        elements.AddRange(names);
        if (names.Length > 0 && path.EndsWith('/')) elements.Add("");
        return elements;
    }

    /// <summary>
    /// <c>lexically_normal()</c>: "." elements and "name/.." pairs removed, ".." right after the root dropped, no
    /// trailing separator after a final "..", and "." for what becomes empty.
    /// </summary>
    public static string Normal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return path;
        bool rooted = path.StartsWith('/');
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>();
        // Whether what is left ends in a separator: after a name followed by one, or where "." or "x/.." was removed.
        bool trailing = false;
        for (int i = 0; i < names.Length; i++)
        {
            bool last = i == names.Length - 1;
            var name = names[i];
            if (name == ".")
            {
                trailing = result.Count > 0;
            }
            else if (name == "..")
            {
                if (result.Count > 0 && result[^1] != "..")
                {
                    result.RemoveAt(result.Count - 1);
                    trailing = result.Count > 0;
                }
                else if (rooted && result.Count == 0)
                {
                    trailing = false;
                }
                else
                {
                    result.Add(name);
                    trailing = false;
                }
            }
            else
            {
                result.Add(name);
                trailing = !last || path.EndsWith('/');
            }
        }

        var text = (rooted ? "/" : "") + string.Join('/', result) + (trailing && result.Count > 0 ? "/" : "");
        return text.Length == 0 ? "." : text;
    }
}
