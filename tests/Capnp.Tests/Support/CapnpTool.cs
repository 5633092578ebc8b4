using System.Diagnostics;
using System.Text;

namespace Capnp.Tests.Support;

/// <summary>
/// Runs the official `capnp` tool (Debian package capnproto) on the test schema. Tests that need it call
/// <see cref="Available"/>: without the tool they fail under CI (CI=true) and are passed over elsewhere.
/// </summary>
internal static class CapnpTool
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        try
        {
            return Run(["--version"], []).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static string TestSchema => RepoRoot.Combine("tests", "Capnp.Tests", "Schemas", "test.capnp");

    public static string[] ImportArgs =>
        ["--no-standard-import", "-I", RepoRoot.Combine("src", "Capnp", "Schemas"), "-I", RepoRoot.Combine("src", "Multiprocess", "Schemas")];

    /// <summary>True when capnp can be run; fails the test when it cannot and CI=true.</summary>
    public static bool Available()
    {
        if (Installed.Value)
            return true;
        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            "capnp is required under CI (apt-get install capnproto).");
        return false;
    }

    /// <summary>`capnp decode --short` of a framed message of the test schema's <paramref name="type"/>.</summary>
    public static string Decode(string type, byte[] message, bool packed = false)
    {
        string[] args = ["decode", "--short", .. ImportArgs, .. packed ? new[] { "--packed" } : [], TestSchema, type];
        var result = Run(args, message);
        Assert.True(result.ExitCode == 0, "capnp decode failed: " + result.Error);
        return Encoding.UTF8.GetString(result.Output).TrimEnd('\n');
    }

    /// <summary>`capnp encode` of a text message of the test schema's <paramref name="type"/>.</summary>
    public static byte[] Encode(string type, string text, params string[] flags)
    {
        string[] args = ["encode", .. ImportArgs, .. flags, TestSchema, type];
        var result = Run(args, Encoding.UTF8.GetBytes(text));
        Assert.True(result.ExitCode == 0, "capnp encode failed: " + result.Error);
        return result.Output;
    }

    public static (int ExitCode, byte[] Output, string Error) Run(string[] args, byte[] input, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("capnp")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoRoot.Path,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        reading.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
    }
}
