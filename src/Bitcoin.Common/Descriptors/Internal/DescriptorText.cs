namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>The small text scanners of Core's script/parsing.cpp, over strings passed by reference.</summary>
internal static class DescriptorText
{
    /// <summary>If <paramref name="sp"/> starts with <paramref name="str"/>, optionally skip it and return true.</summary>
    public static bool Const(string str, ref string sp, bool skip = true)
    {
        if (!sp.StartsWith(str, StringComparison.Ordinal)) return false;
        if (skip) sp = sp[str.Length..];
        return true;
    }

    /// <summary>If <paramref name="sp"/> is "name(...)", replace it by the text inside the parentheses and return true.</summary>
    public static bool Func(string name, ref string sp)
    {
        if (sp.Length >= name.Length + 2 && sp[name.Length] == '(' && sp[^1] == ')' && sp.StartsWith(name, StringComparison.Ordinal))
        {
            sp = sp.Substring(name.Length + 1, sp.Length - name.Length - 2);
            return true;
        }
        return false;
    }

    /// <summary>Takes the text up to the first ',', ')' or '}' outside parentheses and braces, removing it from <paramref name="sp"/>.</summary>
    public static string Expr(ref string sp)
    {
        int level = 0;
        int i = 0;
        for (; i < sp.Length; i++)
        {
            char c = sp[i];
            if (c == '(' || c == '{')
            {
                level++;
            }
            else if (level > 0 && (c == ')' || c == '}'))
            {
                level--;
            }
            else if (level == 0 && (c == ')' || c == '}' || c == ','))
            {
                break;
            }
        }
        string ret = sp[..i];
        sp = sp[i..];
        return ret;
    }

    /// <summary>Core's util::Split: every occurrence of <paramref name="separator"/> splits (a trailing separator gives a last empty piece).</summary>
    public static List<string> Split(string sp, char separator, bool includeSeparator = false)
    {
        var ret = new List<string>();
        int start = 0;
        for (int i = 0; i < sp.Length; i++)
        {
            if (sp[i] == separator)
            {
                ret.Add(includeSeparator ? sp[start..(i + 1)] : sp[start..i]);
                start = i + 1;
            }
        }
        ret.Add(sp[start..]);
        return ret;
    }

    /// <summary>Core's IsHex: a non-empty, even-length string of hex digits.</summary>
    public static bool IsHex(string s)
    {
        if (s.Length == 0 || s.Length % 2 != 0) return false;
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    /// <summary>Core's IsSpace (C locale).</summary>
    public static bool IsSpace(char c) => c == ' ' || c == '\f' || c == '\n' || c == '\r' || c == '\t' || c == '\v';
}
