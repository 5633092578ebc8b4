using System.Text.Json.Nodes;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>Loads the ported descriptor_tests.cpp cases (see Data/README.md).</summary>
internal static class DescriptorVectors
{
    private static readonly Lazy<JsonArray> s_all = new(() =>
        JsonNode.Parse(File.ReadAllText(Locate("descriptor_tests.json")))!.AsArray());

    public static JsonArray All => s_all.Value;

    public static IEnumerable<(int Index, JsonObject Case)> OfKind(string kind)
    {
        for (int i = 0; i < All.Count; i++)
        {
            var o = All[i]!.AsObject();
            if ((string)o["kind"]! == kind) yield return (i, o);
        }
    }

    public static JsonObject At(int index) => All[index]!.AsObject();

    private static string Locate(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Bitcoin.Common.Tests", "Descriptors", "Data", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("Descriptor vectors not found above " + AppContext.BaseDirectory, file);
    }
}
