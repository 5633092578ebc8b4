using System.Xml.Linq;

namespace Architecture.Tests;

/// <summary>The project reference graph under src/, read from the .csproj files.</summary>
public sealed class ProjectGraph
{
    private readonly Dictionary<string, HashSet<string>> _direct;

    private ProjectGraph(Dictionary<string, HashSet<string>> direct) => _direct = direct;

    /// <summary>Project names (file names without .csproj), e.g. "Bitcoin.Node" or "bitcoind".</summary>
    public IEnumerable<string> Projects => _direct.Keys;

    /// <summary>True for the executables under src/Apps.</summary>
    public bool IsApp(string project) => AppProjects.Contains(project);

    private HashSet<string> AppProjects { get; } = new(StringComparer.Ordinal);

    public static ProjectGraph Load(string repoRoot)
    {
        var src = Path.Combine(repoRoot, "src");
        var direct = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var graph = new ProjectGraph(direct);
        foreach (var file in Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var refs = XDocument.Load(file).Descendants("ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToHashSet(StringComparer.Ordinal);
            direct[name] = refs;
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.StartsWith("Apps/", StringComparison.Ordinal))
                graph.AppProjects.Add(name);
        }
        return graph;
    }

    public IReadOnlySet<string> DirectReferences(string project) => _direct[project];

    /// <summary>Everything a project reaches through references, itself excluded.</summary>
    public IReadOnlySet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(_direct[project]);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (seen.Add(next) && _direct.TryGetValue(next, out var refs))
                foreach (var r in refs) stack.Push(r);
        }
        return seen;
    }
}
