using Bitcoin.Common.Settings.Internal;

namespace Bitcoin.Common.Settings;

/// <summary>
/// Reads a setting out of a <see cref="SettingsStore"/> with Core's merge rules (common/settings.cpp), including the
/// rules kept for backwards compatibility: within the config file the first value wins, elsewhere the last; a negation
/// in the default section still applies to network-only options; for chain-selection options negations on the command
/// line are skipped and the last config value wins.
/// </summary>
public static class SettingsMerge
{
    private enum Source
    {
        Forced,
        CommandLine,
        RwSettings,
        ConfigFileNetworkSection,
        ConfigFileDefaultSection,
    }

    /// <summary>
    /// The effective value of a setting: null if unset, false if negated, otherwise the winning value.
    /// </summary>
    /// <param name="settings">All sources.</param>
    /// <param name="section">The selected network's config section ("" for none).</param>
    /// <param name="name">Option name without '-'.</param>
    /// <param name="ignoreDefaultSectionConfig">Skip the default config section (network-only options off main).</param>
    /// <param name="ignoreNonPersistent">Skip forced and command-line values (what would survive a restart).</param>
    /// <param name="getChainType">Core's special rules for -regtest/-testnet/... when choosing the chain.</param>
    public static SettingsValue GetSetting(SettingsStore settings, string section, string name,
        bool ignoreDefaultSectionConfig, bool ignoreNonPersistent, bool getChainType)
    {
        var result = SettingsValue.Null;
        var done = false;
        Merge(settings, section, name, (span, source) =>
        {
            // A negation applies even where a plain value would be ignored (default section, network-only option).
            var neverIgnoreNegatedSetting = span.LastNegated;

            // In the config file the first value wins, except for chain selection.
            var reversePrecedence = (source is Source.ConfigFileNetworkSection or Source.ConfigFileDefaultSection) && !getChainType;

            // -noregtest / -notestnet on the command line are accepted but have no effect on chain selection.
            var skipNegatedCommandLine = getChainType;

            if (done)
                return;
            if (ignoreDefaultSectionConfig && source == Source.ConfigFileDefaultSection && !neverIgnoreNegatedSetting)
                return;
            if (ignoreNonPersistent && (source is Source.CommandLine or Source.Forced))
                return;
            if (skipNegatedCommandLine && span.LastNegated)
                return;

            if (!span.IsEmpty)
            {
                result = reversePrecedence ? span.First : span.Last;
                done = true;
            }
            else if (span.LastNegated)
            {
                result = SettingsValue.False;
                done = true;
            }
        });
        return result;
    }

    /// <summary>
    /// Every effective value of a list option (e.g. -addnode, -debug), highest-priority source first. Arrays from
    /// settings.json are flattened. A negation drops lower-priority values, except that config-file values come back when
    /// the command line negates and then sets the option again (Core's "zombie" values).
    /// </summary>
    public static List<SettingsValue> GetSettingsList(SettingsStore settings, string section, string name,
        bool ignoreDefaultSectionConfig)
    {
        var result = new List<SettingsValue>();
        var done = false;
        var previousNegatedEmpty = false;
        Merge(settings, section, name, (span, source) =>
        {
            var addZombieConfigValues =
                (source is Source.ConfigFileNetworkSection or Source.ConfigFileDefaultSection) && !previousNegatedEmpty;

            if (ignoreDefaultSectionConfig && source == Source.ConfigFileDefaultSection)
                return;

            if (!done || addZombieConfigValues)
            {
                foreach (var value in span.Values)
                {
                    if (value.IsArray)
                        result.AddRange(value.Items);
                    else
                        result.Add(value);
                }
            }

            done |= span.Negated > 0 || source == Source.Forced;
            previousNegatedEmpty |= span.LastNegated && result.Count == 0;
        });
        return result;
    }

    /// <summary>
    /// True if the setting has a value only in the config file's default section, not on the command line, in
    /// settings.json or in the network's section: used to warn that a network-only option there is ignored.
    /// </summary>
    public static bool OnlyHasDefaultSectionSetting(SettingsStore settings, string section, string name)
    {
        var hasDefaultSectionSetting = false;
        var hasOtherSetting = false;
        Merge(settings, section, name, (span, source) =>
        {
            if (span.IsEmpty)
                return;
            if (source == Source.ConfigFileDefaultSection)
                hasDefaultSectionSetting = true;
            else
                hasOtherSetting = true;
        });
        return hasDefaultSectionSetting && !hasOtherSetting;
    }

    private static void Merge(SettingsStore settings, string section, string name, Action<SettingsSpan, Source> visit)
    {
        if (settings.ForcedSettings.TryGetValue(name, out var forced))
            visit(new SettingsSpan(forced), Source.Forced);
        if (settings.CommandLineOptions.TryGetValue(name, out var commandLine))
            visit(new SettingsSpan(commandLine), Source.CommandLine);
        if (settings.RwSettings.TryGetValue(name, out var rw))
            visit(new SettingsSpan(rw), Source.RwSettings);
        if (section.Length > 0 && settings.RoConfig.TryGetValue(section, out var networkSection) &&
            networkSection.TryGetValue(name, out var networkValues))
        {
            visit(new SettingsSpan(networkValues), Source.ConfigFileNetworkSection);
        }

        if (settings.RoConfig.TryGetValue(string.Empty, out var defaultSection) &&
            defaultSection.TryGetValue(name, out var defaultValues))
        {
            visit(new SettingsSpan(defaultValues), Source.ConfigFileDefaultSection);
        }
    }
}
