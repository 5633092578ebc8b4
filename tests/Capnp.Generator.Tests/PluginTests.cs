using System.Diagnostics;

namespace Capnp.Generator.Tests;

/// <summary>capnpc-csharp as `capnp compile` runs it: a CodeGeneratorRequest on stdin, files in the working
/// directory.</summary>
public sealed class PluginTests
{
    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("repository root not found");
        }
    }

    [Fact]
    public async Task PluginWritesOneFileForEachRequestedSchema()
    {
        if (!CapnpAvailable())
            return;
        var output = Directory.CreateTempSubdirectory("capnpc-csharp-");
        try
        {
            var schema = Path.Combine(output.FullName, "sample.capnp");
            await File.WriteAllTextAsync(schema, """
                @0xd3d0e2d40b2f4a5b;
                using CSharp = import "/csharp.capnp";
                $CSharp.namespace("Sample.Space");
                struct Point { x @0 :Float64; y @1 :Float64; }
                interface Plotter { plot @0 (point :Point) -> (); }
                """);
            var plugin = Path.Combine(RepoRoot, "bin", "capnpc-csharp");
            var result = await RunAsync("capnp", output.FullName, "compile", "--no-standard-import", "-I",
                Path.Combine(RepoRoot, "src", "Capnp", "Schemas"), "--src-prefix=" + output.FullName, $"-o{plugin}:{output.FullName}", schema);
            Assert.True(result.ExitCode == 0, result.Error);
            var generated = await File.ReadAllTextAsync(Path.Combine(output.FullName, "sample.capnp.cs"));
            Assert.Contains("namespace Sample.Space;", generated);
            Assert.Contains("public readonly partial struct Point : global::Capnp.IStructReader<Point>", generated);
            Assert.Contains("public static global::Capnp.StructSize Size => new(2, 0);", generated);
            Assert.Contains("public static partial class Plotter", generated);
            Assert.Contains("public const ushort Plot = 0;", generated);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PluginReportsAMalformedRequestAndFails()
    {
        var plugin = Path.Combine(RepoRoot, "bin", "capnpc-csharp");
        var start = new ProcessStartInfo(plugin)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(new byte[] { 0, 0, 0, 0, 9, 0, 0, 0 });
        process.StandardInput.Close();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("capnpc-csharp:", error);
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
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "capnp is required under CI (apt-get install capnproto).");
            return false;
        }
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }
}
