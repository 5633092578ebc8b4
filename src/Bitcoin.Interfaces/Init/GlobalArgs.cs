using Bitcoin.Common.Args;
using Bitcoin.Common.Settings;

namespace Bitcoin.Interfaces;

/// <summary>
/// A process's arguments as it hands them to a process it starts (Core's IPC <c>GlobalArgs</c>: every settings source
/// and the config file path), so the child reads the same options, chain and data directory as the parent without
/// parsing a command line or reading bitcoin.conf itself.
/// </summary>
/// <param name="Settings">A copy of every settings source (forced, command line, settings.json, config file).</param>
/// <param name="ConfigPath">The config file in use (absolute), or "" with <c>-noconf</c>.</param>
public sealed record GlobalArgs(SettingsStore Settings, string ConfigPath)
{
    /// <summary>
    /// A snapshot of <paramref name="args"/>. The data directory is pinned as a forced <c>-datadir</c> with the
    /// parent's absolute path, so a child started from another working directory finds the same one.
    /// </summary>
    public static GlobalArgs From(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var copy = args.LockSettings(Copy);
        copy.ForcedSettings["datadir"] = SettingsValue.FromString(args.GetDataDirBase());
        return new GlobalArgs(copy, args.GetConfigFilePath());
    }

    /// <summary>
    /// Makes <paramref name="args"/> (with its options registered, nothing parsed yet) read as the parent's: its
    /// settings are replaced by these, the config path is set, and the chain they name is selected (Core reads
    /// <c>GlobalArgs</c> into gArgs, then selects the chain parameters). Throws <see cref="ArgsException"/> with Core's
    /// message when the settings name no valid chain.
    /// </summary>
    public void ApplyTo(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        args.LockSettings(store =>
        {
            store.Clear();
            CopyInto(Settings, store);
        });
        args.SetConfigFilePath(ConfigPath);
        args.SelectChain(args.GetChainType());
        args.ClearPathCache();
    }

    private static SettingsStore Copy(SettingsStore source)
    {
        var copy = new SettingsStore();
        CopyInto(source, copy);
        return copy;
    }

    private static void CopyInto(SettingsStore source, SettingsStore target)
    {
        foreach (var (name, value) in source.ForcedSettings)
            target.ForcedSettings[name] = value;
        foreach (var (name, values) in source.CommandLineOptions)
            target.CommandLineValues(name).AddRange(values);
        foreach (var (name, value) in source.RwSettings)
            target.RwSettings[name] = value;
        foreach (var (section, options) in source.RoConfig)
        {
            foreach (var (name, values) in options)
                target.RoConfigValues(section, name).AddRange(values);
        }
    }
}
