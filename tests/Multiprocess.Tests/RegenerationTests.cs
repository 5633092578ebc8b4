using System.Diagnostics;
using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>The tests' schema code (Generated/) is exactly what the official compiler and our plugin make from
/// Schemas/, with the imports scripts/capnp-regen.sh uses.</summary>
public sealed class RegenerationTests
{
    [Fact]
    public async Task CommittedTestSchemaCodeMatchesARegeneration()
    {
        if (!CapnpAvailable())
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "capnp is needed under CI (apt-get install capnproto).");
            return;
        }

        var plugin = RepoRoot.Combine("bin", "capnpc-csharp");
        Assert.True(File.Exists(plugin), $"{plugin} is built with the tests (project reference); build them first.");
        var output = Directory.CreateTempSubdirectory("mp-regen-");
        try
        {
            var start = new ProcessStartInfo("capnp")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepoRoot.Path,
            };
            string[] args =
            [
                "compile", "--no-standard-import", "-I", "src/Capnp/Schemas", "-I", "src/Multiprocess/Schemas",
                "--src-prefix=tests/Multiprocess.Tests/Schemas", $"-o{plugin}:{output.FullName}",
                .. Directory.GetFiles(RepoRoot.Combine("tests", "Multiprocess.Tests", "Schemas"), "*.capnp")
                    .Select(f => Path.GetRelativePath(RepoRoot.Path, f)).Order(),
            ];
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            using (var process = Process.Start(start)!)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, "capnp compile failed: " + await stderr);
            }

            var committedDir = RepoRoot.Combine("tests", "Multiprocess.Tests", "Generated");
            var committed = Directory.GetFiles(committedDir, "*.cs").Select(Path.GetFileName).Order().ToList();
            var regenerated = Directory.GetFiles(output.FullName, "*.cs").Select(Path.GetFileName).Order().ToList();
            Assert.Equal(regenerated, committed);
            foreach (var name in committed)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(committedDir, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output.FullName, name!))),
                    $"tests/Multiprocess.Tests/Generated/{name} differs from a regeneration: regenerate it and commit.");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static bool CapnpAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("capnp", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
