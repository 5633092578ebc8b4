using System.Diagnostics;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>
/// The committed generated code and test vectors are exactly what scripts/capnp-regen.sh makes from the schemas
/// with the official compiler: regenerate into a temporary directory and compare every file.
/// </summary>
public sealed class RegenerationTests
{
    private static readonly string[] GeneratedDirectories =
    [
        "src/Multiprocess/Generated",
        "src/Bitcoin.Ipc/Generated",
        "tests/Capnp.Tests/Generated",
    ];

    [Fact]
    public async Task CommittedGeneratedCodeAndVectorsMatchARegeneration()
    {
        if (!CapnpTool.Available())
            return;
        var plugin = RepoRoot.Combine("bin", "capnpc-csharp");
        Assert.True(File.Exists(plugin), $"{plugin} is built with the tests (project reference); build the solution first.");
        var output = Directory.CreateTempSubdirectory("capnp-regen-");
        try
        {
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepoRoot.Path,
            };
            foreach (var arg in new[] { RepoRoot.Combine("scripts", "capnp-regen.sh"), "--out", output.FullName, "--plugin", plugin })
                start.ArgumentList.Add(arg);
            using (var process = Process.Start(start)!)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, "capnp-regen.sh failed: " + await stderr);
            }

            var differences = new List<string>();
            foreach (var dir in GeneratedDirectories)
                Compare(RepoRoot.Combine(dir), Path.Combine(output.FullName, dir), "*.cs", differences);
            Compare(Vectors.Directory, Path.Combine(output.FullName, "tests", "Capnp.Tests", "Vectors"), "*.bin", differences);
            Assert.True(differences.Count == 0,
                "Generated files differ from a regeneration (run scripts/capnp-regen.sh and commit):\n" + string.Join("\n", differences));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static void Compare(string committed, string regenerated, string pattern, List<string> differences)
    {
        var expected = Files(regenerated, pattern);
        var actual = Files(committed, pattern);
        foreach (var missing in expected.Keys.Except(actual.Keys))
            differences.Add($"missing: {Path.Combine(committed, missing)}");
        foreach (var extra in actual.Keys.Except(expected.Keys))
            differences.Add($"not generated any more: {Path.Combine(committed, extra)}");
        foreach (var name in expected.Keys.Intersect(actual.Keys))
        {
            if (!File.ReadAllBytes(expected[name]).AsSpan().SequenceEqual(File.ReadAllBytes(actual[name])))
                differences.Add($"differs: {Path.Combine(committed, name)}");
        }
    }

    private static Dictionary<string, string> Files(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(directory, f), f => f)
            : [];
}
