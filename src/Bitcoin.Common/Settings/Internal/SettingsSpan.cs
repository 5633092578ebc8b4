namespace Bitcoin.Common.Settings.Internal;

/// <summary>
/// A list of values of one setting from one source, read the way Core's <c>SettingsSpan</c> reads it: the last false
/// value and everything before it are negated, so iteration starts after the last negation.
/// </summary>
internal readonly struct SettingsSpan
{
    private readonly IReadOnlyList<SettingsValue> _values;

    internal SettingsSpan(IReadOnlyList<SettingsValue> values) => _values = values;

    internal SettingsSpan(SettingsValue value) => _values = [value];

    /// <summary>Number of negated values: the position just after the last false value.</summary>
    internal int Negated
    {
        get
        {
            for (var i = _values.Count; i > 0; i--)
            {
                if (_values[i - 1].IsFalse)
                    return i;
            }

            return 0;
        }
    }

    /// <summary>True if the last value is a negation.</summary>
    internal bool LastNegated => _values.Count > 0 && _values[^1].IsFalse;

    /// <summary>True if there are no values after the last negation.</summary>
    internal bool IsEmpty => _values.Count == 0 || LastNegated;

    /// <summary>The values after the last negation.</summary>
    internal IEnumerable<SettingsValue> Values
    {
        get
        {
            for (var i = Negated; i < _values.Count; i++)
                yield return _values[i];
        }
    }

    /// <summary>The first value after the last negation (only when not <see cref="IsEmpty"/>).</summary>
    internal SettingsValue First => _values[Negated];

    /// <summary>The last value (only when not <see cref="IsEmpty"/>).</summary>
    internal SettingsValue Last => _values[^1];
}
