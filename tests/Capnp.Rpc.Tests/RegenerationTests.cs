using System.Diagnostics;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>
/// The committed RPC protocol code (src/Capnp/Rpc/Generated) and the tests' schema code are exactly what
/// scripts/capnp-regen.sh makes with the official compiler.
/// </summary>
public sealed class RegenerationTests
{
    private static readonly string[] GeneratedDirectories = ["src/Capnp/Rpc/Generated", "tests/Capnp.Rpc.Tests/Generated"];

    [Fact]
    public async Task CommittedRpcCodeMatchesARegeneration()
    {
        if (await InteropPeer.PathAsync() is null)
            return;
        var plugin = RepoRoot.Combine("bin", "capnpc-csharp");
        Assert.True(File.Exists(plugin), $"{plugin} is built with the tests (project reference); build the solution first.");
        var output = Directory.CreateTempSubdirectory("capnp-regen-rpc-");
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

            foreach (var dir in GeneratedDirectories)
            {
                var committed = Directory.GetFiles(RepoRoot.Combine(dir), "*.cs").Select(Path.GetFileName).Order().ToList();
                var regenerated = Directory.GetFiles(Path.Combine(output.FullName, dir), "*.cs").Select(Path.GetFileName).Order().ToList();
                Assert.Equal(regenerated, committed);
                foreach (var name in committed)
                {
                    Assert.True(
                        File.ReadAllBytes(Path.Combine(RepoRoot.Combine(dir), name!)).AsSpan()
                            .SequenceEqual(File.ReadAllBytes(Path.Combine(output.FullName, dir, name!))),
                        $"{dir}/{name} differs from a regeneration: run scripts/capnp-regen.sh and commit.");
                }
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
