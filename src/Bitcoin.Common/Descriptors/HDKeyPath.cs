using System.Globalization;
using System.Text;

namespace Bitcoin.Common.Descriptors;

/// <summary>BIP32 path text as Core's util/bip32: elements "n", "n'" or "nh", hardened steps with the top bit set.</summary>
public static class HDKeyPath
{
    /// <summary>The hardened-derivation flag (bit 31).</summary>
    public const uint HardenedFlag = 0x80000000;

    /// <summary>
    /// Parses one path element (Core's ParseKeyPathElement). On failure returns false with Core's message:
    /// "Key path value '' is not valid", "Key path value 'x' is not a valid uint32", "Key path value N is out of range".
    /// </summary>
    public static bool TryParseElement(string element, out uint childNumber, out bool hardened, out string error)
    {
        childNumber = 0;
        hardened = false;
        error = "";
        if (element.Length == 0)
        {
            error = $"Key path value '{element}' is not valid";
            return false;
        }
        string number = element;
        char last = element[^1];
        if (last == '\'' || last == 'h')
        {
            number = element[..^1];
            hardened = true;
        }
        if (!TryParseUInt32(number, out uint value))
        {
            error = $"Key path value '{element}' is not a valid uint32";
            return false;
        }
        if (value >= HardenedFlag)
        {
            error = $"Key path value {value} is out of range";
            return false;
        }
        childNumber = hardened ? value | HardenedFlag : value;
        return true;
    }

    /// <summary>
    /// Core's ParseHDKeypath: "m/0'/1h/2" (the leading "m" optional); false on any malformed element.
    /// </summary>
    public static bool TryParse(string keypath, out List<uint> path)
    {
        path = [];
        bool first = true;
        var items = keypath.Split('/').ToList();
        // Core reads elements with getline, which yields nothing for a trailing '/' or an empty string.
        if (items[^1].Length == 0) items.RemoveAt(items.Count - 1);
        foreach (string item in items)
        {
            if (item == "m")
            {
                if (first)
                {
                    first = false;
                    continue;
                }
                return false;
            }
            if (!TryParseElement(item, out uint child, out _, out _)) return false;
            path.Add(child);
            first = false;
        }
        return true;
    }

    /// <summary>Core's FormatHDKeypath: "/0'/1/2'" (apostrophe) or "/0h/1/2h".</summary>
    public static string Format(IReadOnlyList<uint> path, bool apostrophe)
    {
        var sb = new StringBuilder();
        foreach (uint i in path)
        {
            sb.Append('/').Append((i & ~HardenedFlag).ToString(CultureInfo.InvariantCulture));
            if ((i & HardenedFlag) != 0) sb.Append(apostrophe ? '\'' : 'h');
        }
        return sb.ToString();
    }

    /// <summary>Core's WriteHDKeypath: "m" followed by <see cref="Format"/>.</summary>
    public static string Write(IReadOnlyList<uint> path, bool apostrophe) => "m" + Format(path, apostrophe);

    /// <summary>True if any step is hardened.</summary>
    public static bool HasHardenedDerivation(IEnumerable<uint> path) => path.Any(i => (i & HardenedFlag) != 0);

    /// <summary>Core's ToIntegral&lt;uint32_t&gt;: decimal digits only (no sign, no spaces), within range.</summary>
    internal static bool TryParseUInt32(string text, out uint value)
    {
        value = 0;
        if (text.Length == 0) return false;
        foreach (char c in text)
        {
            if (c < '0' || c > '9') return false;
        }
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
