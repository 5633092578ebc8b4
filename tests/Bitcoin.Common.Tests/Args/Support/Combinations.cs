using System.Security.Cryptography;
using System.Text;

namespace Bitcoin.Common.Tests.Args.Support;

/// <summary>Core's test/util/str.h enumeration and the double-SHA256 digest its merge tests compare.</summary>
public static class Combinations
{
    /// <summary>Calls <paramref name="action"/> for every string over [min, max] without two equal neighbours (Core's ForEachNoDup).</summary>
    public static void ForEachNoDup(int[] values, int min, int max, Action action)
    {
        for (var hasNext = true; hasNext; hasNext = NextString(values, min, max))
        {
            var previous = -1;
            var skip = false;
            foreach (var c in values)
            {
                if (c == previous)
                    skip = true;
                if (skip || c < min || c > max)
                    break;
                previous = c;
            }

            if (!skip)
                action();
        }
    }

    private static bool NextString(int[] values, int min, int max)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var hasNext = values[i] != max;
            values[i] = values[i] < min || values[i] >= max ? min : values[i] + 1;
            if (hasNext)
                return true;
        }

        return false;
    }

    /// <summary>Accumulates text and digests it as Core's CHash256 (SHA256 of SHA256), hex in byte order.</summary>
    public sealed class Hash256Writer
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void Write(string text) => _hash.AppendData(Encoding.UTF8.GetBytes(text));

        public string FinalHex() => Convert.ToHexStringLower(SHA256.HashData(_hash.GetHashAndReset()));
    }
}
