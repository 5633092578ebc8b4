using System.Globalization;
using Bitcoin.Common.Args;

namespace Bitcoin.Node.Init;

/// <summary>Checks the port and host:port options before anything binds (Core's <c>CheckHostPortOptions</c>).</summary>
public static class HostPortOptions
{
    // Option, whether "unix:<path>" is accepted, whether a "=suffix" is allowed (Core's table).
    private static readonly (string Name, bool Unix, bool Suffix)[] s_hostPortOptions =
    [
        ("-i2psam", false, false),
        ("-onion", true, false),
        ("-proxy", true, true),
        ("-bind", false, true),
        ("-rpcbind", false, false),
        ("-torcontrol", false, false),
        ("-whitebind", false, false),
        ("-zmqpubhashblock", true, false),
        ("-zmqpubhashtx", true, false),
        ("-zmqpubrawblock", true, false),
        ("-zmqpubrawtx", true, false),
        ("-zmqpubsequence", true, false),
    ];

    /// <summary>Core's message for a bad port: "Invalid port specified in -x: 'value'".</summary>
    public static string InvalidPortMessage(string option, string value) => $"Invalid port specified in {option}: '{value}'";

    /// <summary>Returns null if every option is well formed, else Core's message for the first that is not.</summary>
    public static string? Check(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var option in new[] { "-port", "-rpcport" })
        {
            if (args.GetArg(option) is { } port && ParsePort(port) is null or 0)
                return InvalidPortMessage(option, port);
        }

        foreach (var (name, unix, suffix) in s_hostPortOptions)
        {
            foreach (var value in args.GetArgs(name))
            {
                var hostPort = value;
                if (suffix && value.LastIndexOf('=') is var equals and >= 0)
                    hostPort = value[..equals];
                if (!TrySplitHostPort(hostPort, out _, out _) &&
                    !(unix && !OperatingSystem.IsWindows() && value.StartsWith("unix:", StringComparison.Ordinal)))
                {
                    return InvalidPortMessage(name, value);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Splits "host", "host:port", "[v6]" or "[v6]:port" as Core's <c>SplitHostPort</c>: false when a port is given
    /// but is not 1-65535. A bare IPv6 address (several colons, no brackets) has no port. <paramref name="port"/> is 0
    /// when none is given.
    /// </summary>
    public static bool TrySplitHostPort(string input, out string host, out ushort port)
    {
        ArgumentNullException.ThrowIfNull(input);
        port = 0;
        var valid = false;
        var rest = input;
        var colon = input.LastIndexOf(':');
        var haveColon = colon >= 0;
        var bracketed = haveColon && colon > 0 && input[0] == '[' && input[colon - 1] == ']';
        var multiColon = haveColon && colon != 0 && input.LastIndexOf(':', colon - 1) >= 0;
        if (haveColon && (colon == 0 || bracketed || !multiColon))
        {
            if (ParsePort(input[(colon + 1)..]) is { } parsed)
            {
                rest = input[..colon];
                port = parsed;
                valid = parsed != 0;
            }
        }
        else
        {
            valid = true;
        }

        host = rest.Length > 1 && rest[0] == '[' && rest[^1] == ']' ? rest[1..^1] : rest;
        return valid;
    }

    // Core's ToIntegral<uint16_t>: decimal digits only (an optional '-' only for zero), no spaces or '+'.
    private static ushort? ParsePort(string text)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            return null;
        if (!ushort.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return null;
        if (text.StartsWith('-') && value != 0)
            return null;
        return value;
    }
}
