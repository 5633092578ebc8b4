using System.Numerics;
using Bitcoin.Common.Args.Internal;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args;

/// <summary>
/// Core's conversions of a setting value to a string, integer or boolean (<c>SettingToString</c>, <c>SettingTo</c>,
/// <c>SettingToBool</c>); <see cref="ArgsManager"/>'s getters use them, and they serve values read directly from
/// settings (e.g. the wallet's <c>wallet</c> list in settings.json). Each returns null for an unset value and throws
/// <see cref="SettingsTypeException"/> for a JSON type it cannot convert.
/// </summary>
public static class SettingConvert
{
    /// <summary>false is "0", true is "1", a number its text, a string itself.</summary>
    public static string? ToStringOrNull(SettingsValue value)
    {
        if (value.IsNull)
            return null;
        if (value.IsFalse)
            return "0";
        if (value.IsTrue)
            return "1";
        if (value.IsNumber)
            return value.GetNumberText();
        return value.GetString();
    }

    /// <summary>false is 0, true is 1, a number must be an integer in range, a string is read like atoi (saturating).</summary>
    public static T? ToInteger<T>(SettingsValue value) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (value.IsNull)
            return null;
        if (value.IsFalse)
            return T.Zero;
        if (value.IsTrue)
            return T.One;
        if (value.IsNumber)
        {
            var integer = value.GetInt64();
            if (integer < long.CreateSaturating(T.MinValue) || integer > long.CreateSaturating(T.MaxValue))
                throw new SettingsTypeException("JSON integer out of range");
            return T.CreateChecked(integer);
        }

        return IntegerParsing.LocaleIndependentAtoi<T>(value.GetString());
    }

    /// <summary>A boolean is itself; a string is "" or non-zero atoi ("1", "5", "" are true; "0", "no", "true" are false).</summary>
    public static bool? ToBool(SettingsValue value)
    {
        if (value.IsNull)
            return null;
        if (value.IsBool)
            return value.GetBool();
        return KeyInfo.InterpretBool(value.GetString());
    }
}
