using System.Text;

namespace Wallet.Multiprocess.Bench;

/// <summary>Reading the part of debug.log one phase of a run wrote.</summary>
internal static class IpcLog
{
    /// <summary>The lines between byte offsets <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static string[] ReadSpan(string log, long from, long to)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        var span = new byte[to - from];
        stream.ReadExactly(span);
        return Encoding.UTF8.GetString(span).Split('\n');
    }
}
