using System.Globalization;

namespace Bitcoin.Common.Rpc.Client;

/// <summary>Splits "host", "host:port", "[v6]" and "[v6]:port" as Core's SplitHostPort.</summary>
public static class HostPort
{
    /// <summary>
    /// Splits <paramref name="input"/>; <paramref name="port"/> is left unchanged when no port is given. Returns false
    /// when a port is given but is not a number from 1 to 65535. A bare IPv6 address (several colons) has no port.
    /// </summary>
    public static bool TrySplit(string input, ref ushort port, out string host)
    {
        bool valid = false;
        string rest = input;
        int colon = input.LastIndexOf(':');
        bool haveColon = colon >= 0;
        bool bracketed = haveColon && colon > 0 && input[0] == '[' && input[colon - 1] == ']';
        bool multiColon = haveColon && colon != 0 && input.LastIndexOf(':', colon - 1) >= 0;
        if (haveColon && (colon == 0 || bracketed || !multiColon))
        {
            string portText = input[(colon + 1)..];
            if (portText.Length > 0 && portText.All(char.IsAsciiDigit) &&
                ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out ushort n))
            {
                rest = input[..colon];
                port = n;
                valid = n != 0;
            }
        }
        else
        {
            valid = true;
        }
        host = rest.Length > 1 && rest[0] == '[' && rest[^1] == ']' ? rest[1..^1] : rest;
        return valid;
    }
}
