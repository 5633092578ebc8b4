using System.Runtime.CompilerServices;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// A broken assumption inside a command (Core's CHECK_NONFATAL / NonFatalCheckError): the call fails with error -1
/// and an "Internal bug detected: ..." message naming the place, but the process keeps running.
/// </summary>
public sealed class RpcInternalBugException : Exception
{
    /// <summary>Creates the exception for the failed check <paramref name="assertion"/> at the given place.</summary>
    public RpcInternalBugException(string assertion, string file, int line, string function)
        : base($"Internal bug detected: {assertion}\n{file}:{line} ({function})\n{RpcClientIdentity.ClientName} {RpcClientIdentity.FullVersion}\n" +
               $"Please report this issue here: {RpcClientIdentity.BugReportUrl}\n")
    {
    }

    /// <summary>
    /// Throws unless <paramref name="condition"/> holds; <paramref name="assertion"/> is the condition's text as written
    /// (filled in by the compiler).
    /// </summary>
    public static void Check(bool condition, [CallerArgumentExpression(nameof(condition))] string assertion = "",
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string function = "")
    {
        if (!condition) throw new RpcInternalBugException(assertion, file, line, function);
    }
}
