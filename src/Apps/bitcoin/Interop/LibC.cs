using System.Runtime.InteropServices;

namespace Apps.bitcoin.Interop;

/// <summary>The libc call that hands this process over to another executable (.NET has no exec).</summary>
internal static unsafe partial class LibC
{
    internal const int ENOENT = 2;

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true)]
    internal static partial int Execvp(byte* file, byte** argv);
}
