using Bitcoin.Common.Util.Interop;

namespace Bitcoin.Common.Util;

/// <summary>Path operations with the semantics of C++ <c>std::filesystem</c> that Core's option handling relies on.</summary>
public static class PathUtil
{
    /// <summary>
    /// Normalizes a path lexically as <c>std::filesystem::path::lexically_normal</c> and then drops a trailing
    /// separator, as Core's <c>GetPathArg</c>: "/a/./b/../c/" becomes "/a/c", "user/.bitcoin/." becomes "user/.bitcoin",
    /// "/." becomes "/". The file system is not consulted.
    /// </summary>
    public static string NormalizeArgPath(string path)
    {
        if (path.Length == 0)
            return path;
        if (OperatingSystem.IsWindows())
            path = path.Replace('\\', '/');

        var root = GetRoot(path);
        var parts = new List<string>();
        foreach (var part in path[root.Length..].Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                    continue;
                }

                // ".." directly under the root stays at the root.
                if (root.Length > 0)
                    continue;
            }

            parts.Add(part);
        }

        // lexically_normal keeps a trailing separator ("a/b/" stays "a/b/"); GetPathArg then takes the parent path,
        // which is the same as never adding it. An empty result is ".".
        var result = root + string.Join('/', parts);
        if (result.Length == 0)
            result = ".";
        return OperatingSystem.IsWindows() ? result.Replace('/', '\\') : result;
    }

    /// <summary>
    /// Makes a path absolute against the current directory without normalizing it, as <c>std::filesystem::absolute</c>.
    /// </summary>
    public static string Absolute(string path) =>
        path.Length == 0 || Path.IsPathFullyQualified(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);

    /// <summary>Joins <paramref name="path"/> to <paramref name="baseDirectory"/> unless it is already absolute (Core's <c>AbsPathJoin</c>).</summary>
    public static string AbsPathJoin(string baseDirectory, string path) =>
        Path.IsPathFullyQualified(path) ? path : Path.Join(baseDirectory, path);

    /// <summary>
    /// True if both paths name the same existing file (<c>std::filesystem::equivalent</c>): compared after resolving
    /// symbolic links and relative components.
    /// </summary>
    public static bool Equivalent(string first, string second)
    {
        if (!Path.Exists(first) || !Path.Exists(second))
            return false;
        var a = LibC.RealPath(first) ?? Path.GetFullPath(first);
        var b = LibC.RealPath(second) ?? Path.GetFullPath(second);
        return string.Equals(a, b, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string GetRoot(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var root = Path.GetPathRoot(path) ?? string.Empty;
            return root.Replace('\\', '/');
        }

        return path.StartsWith('/') ? "/" : string.Empty;
    }
}
