namespace Functional.Tests.Infrastructure;

/// <summary>How a short-lived process ended: its exit code and everything it wrote.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
