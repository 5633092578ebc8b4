namespace Bitcoin.Common.Settings;

/// <summary>The JSON type of a <see cref="SettingsValue"/> (Core's UniValue types).</summary>
public enum SettingsValueKind
{
    /// <summary>No value: the setting is unset (or reset to its default by a higher-priority source).</summary>
    Null,

    /// <summary>true or false; false is how a negated option (<c>-nofoo</c>) is stored.</summary>
    Bool,

    /// <summary>A JSON number (only from settings.json), kept as its original text.</summary>
    Number,

    /// <summary>A string; every command-line and bitcoin.conf value is one.</summary>
    String,

    /// <summary>A JSON array (only from settings.json, e.g. <c>"wallet": ["a", "b"]</c>).</summary>
    Array,

    /// <summary>A JSON object (only from settings.json).</summary>
    Object,
}
