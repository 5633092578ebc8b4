using System.Globalization;

namespace Net.Bench;

/// <summary>Reads how long block connection took from the UpdateTip lines of a node's debug.log.</summary>
internal static class DebugLogSpan
{
    /// <summary>Seconds from the first to the last "UpdateTip:" line written after <paramref name="offset"/>.</summary>
    public static double UpdateTipSeconds(string log, long offset)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        DateTime? first = null, last = null;
        while (reader.ReadLine() is { } line)
        {
            if (!line.Contains("UpdateTip: new best=", StringComparison.Ordinal))
                continue;
            var stamp = DateTime.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            first ??= stamp;
            last = stamp;
        }

        if (first is null || last is null)
            throw new InvalidOperationException($"No UpdateTip lines in {log} since offset {offset}");
        return (last.Value - first.Value).TotalSeconds;
    }

    /// <summary>The log's current length (0 when it does not exist yet).</summary>
    public static long Length(string log) => File.Exists(log) ? new FileInfo(log).Length : 0;
}
