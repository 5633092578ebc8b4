using System.Text.Json;

namespace Bitcoin.Kernel.Tests.Consensus.Vectors;

/// <summary>Locates and reads Core's test vectors copied into tests/data/bitcoin-core.</summary>
internal static class TestData
{
    public static string Path(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "data", "bitcoin-core", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Core test vector {fileName} not found above {AppContext.BaseDirectory}.");
    }

    public static JsonElement ReadJson(string fileName)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path(fileName)));
        return doc.RootElement.Clone();
    }
}
