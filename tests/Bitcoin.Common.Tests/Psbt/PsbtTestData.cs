using System.Text.Json.Nodes;

namespace Bitcoin.Common.Tests.Psbt;

/// <summary>Loads Psbt/Data/rpc_psbt.json (see Data/README.md).</summary>
internal static class PsbtTestData
{
    private static readonly Lazy<JsonObject> s_vectors = new(() => JsonNode.Parse(File.ReadAllText(Locate("rpc_psbt.json")))!.AsObject());

    public static JsonObject Vectors => s_vectors.Value;

    public static IEnumerable<string> Strings(string section) => Vectors[section]!.AsArray().Select(n => n!.GetValue<string>());

    private static string Locate(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Bitcoin.Common.Tests", "Psbt", "Data", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("PSBT vectors not found above " + AppContext.BaseDirectory, file);
    }
}
