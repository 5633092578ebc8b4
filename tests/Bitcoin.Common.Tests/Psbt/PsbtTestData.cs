using System.Text.Json.Nodes;

namespace Bitcoin.Common.Tests.Psbt;

/// <summary>Loads the PSBT vectors in Psbt/Data (see Data/README.md).</summary>
internal static class PsbtTestData
{
    private static readonly Lazy<JsonObject> s_roles = new(() => JsonNode.Parse(File.ReadAllText(Locate("psbt_roles.json")))!.AsObject());

    /// <summary>PSBTs that must not decode.</summary>
    public static IEnumerable<string> Rejected => Lines("psbt_rejected.txt");

    /// <summary>PSBTs that must not decode, each with the start of Core's error message.</summary>
    public static IEnumerable<(string Psbt, string Reason)> RejectedWithReasons =>
        Lines("psbt_rejected_reasons.tsv").Select(line => line.Split('\t', 2)).Select(parts => (parts[0], parts[1]));

    /// <summary>PSBTs that must decode.</summary>
    public static IEnumerable<string> Accepted => Lines("psbt_accepted.txt");

    /// <summary>The BIP 174 role examples of one role: create, sign, combine, finalize or extract.</summary>
    public static IEnumerable<JsonNode> Role(string role) => s_roles.Value[role]!.AsArray().Select(n => n!);

    private static IEnumerable<string> Lines(string file) =>
        File.ReadAllLines(Locate(file)).Where(line => line.Length > 0);

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
