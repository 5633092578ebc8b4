namespace Bitcoin.Common.Settings;

/// <summary>
/// Every source of settings, as Core's <c>common::Settings</c>. Keys are option names without the leading '-'
/// ("rpcport"); maps are ordered by key as Core's <c>std::map</c>, so logs and settings.json come out in Core's order.
/// Read values with <see cref="SettingsMerge"/>, which applies Core's precedence:
/// forced &gt; command line &gt; settings.json &gt; config file network section &gt; config file default section.
/// </summary>
public sealed class SettingsStore
{
    /// <summary>Values set by the program itself (<c>ForceSetArg</c>, <c>SoftSetArg</c>); they win over everything.</summary>
    public SortedDictionary<string, SettingsValue> ForcedSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>Command-line values in the order given; a negated option is stored as false.</summary>
    public SortedDictionary<string, List<SettingsValue>> CommandLineOptions { get; } = new(StringComparer.Ordinal);

    /// <summary>The read-write settings file (settings.json), one value per name.</summary>
    public SortedDictionary<string, SettingsValue> RwSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The read-only configuration file(s): section name ("" for the part before any [section], "main", "test",
    /// "testnet4", "signet", "regtest") to option name to values in file order.
    /// </summary>
    public SortedDictionary<string, SortedDictionary<string, List<SettingsValue>>> RoConfig { get; } = new(StringComparer.Ordinal);

    /// <summary>The list of values of a config-file option in a section, creating it if needed.</summary>
    public List<SettingsValue> RoConfigValues(string section, string name)
    {
        if (!RoConfig.TryGetValue(section, out var options))
            RoConfig[section] = options = new SortedDictionary<string, List<SettingsValue>>(StringComparer.Ordinal);
        if (!options.TryGetValue(name, out var values))
            options[name] = values = [];
        return values;
    }

    /// <summary>The list of command-line values of an option, creating it if needed.</summary>
    public List<SettingsValue> CommandLineValues(string name)
    {
        if (!CommandLineOptions.TryGetValue(name, out var values))
            CommandLineOptions[name] = values = [];
        return values;
    }

    /// <summary>Removes every value from every source.</summary>
    public void Clear()
    {
        ForcedSettings.Clear();
        CommandLineOptions.Clear();
        RwSettings.Clear();
        RoConfig.Clear();
    }
}
