using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args.Internal;

/// <summary>An option key split into section, name and negation ("regtest.nolisten" = regtest, listen, negated).</summary>
internal readonly record struct KeyInfo(string Name, string Section, bool Negated)
{
    /// <summary>
    /// Parses "name", "section.name", "noname" and "section.noname" (Core's <c>InterpretKey</c>); the key has no
    /// leading '-'.
    /// </summary>
    internal static KeyInfo Interpret(string key)
    {
        var section = string.Empty;
        var dot = key.IndexOf('.');
        if (dot >= 0)
        {
            section = key[..dot];
            key = key[(dot + 1)..];
        }

        var negated = false;
        if (key.StartsWith("no", StringComparison.Ordinal))
        {
            key = key[2..];
            negated = true;
        }

        return new KeyInfo(key, section, negated);
    }

    /// <summary>
    /// The value to store for this key given its registered flags (Core's <c>InterpretValue</c>): a negation is stored as
    /// false (a double negative such as <c>-nofoo=0</c> as true, with a warning), a plain value as a string, a missing
    /// value as "". Null with Core's message in <paramref name="error"/> when the flags forbid the form used.
    /// </summary>
    internal SettingsValue? InterpretValue(string? value, ArgFlags flags, out string error)
    {
        error = string.Empty;
        if (Negated)
        {
            if ((flags & ArgFlags.DisallowNegation) != 0)
            {
                error = $"Negating of -{Name} is meaningless and therefore forbidden";
                return null;
            }

            if (value is not null && !InterpretBool(value))
            {
                Log.Warning($"Parsed potentially confusing double-negative -{Name}={value}");
                return SettingsValue.True;
            }

            return SettingsValue.False;
        }

        if (value is null && (flags & ArgFlags.DisallowElision) != 0)
        {
            error = $"Can not set -{Name} with no value. Please specify value with -{Name}=value.";
            return null;
        }

        return SettingsValue.FromString(value ?? string.Empty);
    }

    /// <summary>
    /// Core's boolean reading of an option value: "" is true, otherwise the atoi value is non-zero ("true" is false!).
    /// </summary>
    internal static bool InterpretBool(string value) =>
        value.Length == 0 || IntegerParsing.LocaleIndependentAtoi<int>(value) != 0;
}
