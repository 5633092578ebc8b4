using System.Numerics;
using Bitcoin.Common.Args.Internal;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args;

public sealed partial class ArgsManager
{
    /// <summary>
    /// The effective value of an option after Core's precedence rules: null if unset, false if negated (<c>-nofoo</c>),
    /// otherwise the winning value (a string, or any JSON value from settings.json).
    /// </summary>
    public SettingsValue GetSetting(string name)
    {
        lock (_lock)
            return GetSettingLocked(name);
    }

    /// <summary>Every effective value of a list option, highest-priority source first (negations cut lower sources).</summary>
    public IReadOnlyList<SettingsValue> GetSettingsList(string name)
    {
        lock (_lock)
            return SettingsMerge.GetSettingsList(_settings, _network, SettingName(name), !UseDefaultSection(name));
    }

    /// <summary>
    /// Every value of a list option as strings (<c>-addnode</c>, <c>-debug</c>, <c>-rpcbind</c>): values set after the
    /// last negation, command line first then config file; empty if unset or negated.
    /// </summary>
    public IReadOnlyList<string> GetArgs(string name)
    {
        var result = new List<string>();
        foreach (var value in GetSettingsList(name))
            result.Add(value.IsFalse ? "0" : value.IsTrue ? "1" : value.GetString());
        return result;
    }

    /// <summary>True if the option has a value from any source, including a negation.</summary>
    public bool IsArgSet(string name) => !GetSetting(name).IsNull;

    /// <summary>True if the option's effective value is a negation (<c>-nofoo</c>, <c>nofoo=1</c>).</summary>
    public bool IsArgNegated(string name) => GetSetting(name).IsFalse;

    /// <summary>The option's value as a string ("0" if negated, "" for a bare <c>-foo</c>), or null if unset.</summary>
    public string? GetArg(string name) => SettingConvert.ToStringOrNull(GetSetting(name));

    /// <summary>The option's value as a string, or <paramref name="defaultValue"/> if unset.</summary>
    public string GetArg(string name, string defaultValue) => GetArg(name) ?? defaultValue;

    /// <summary>
    /// The option's value read as an integer the way Core does (atoi: "12abc" is 12, "abc" is 0, out-of-range saturates;
    /// negated is 0), or null if unset. Callers that must refuse malformed numbers check the text with
    /// <see cref="IntegerParsing.ToIntegral{T}"/> themselves, as Core does for ports.
    /// </summary>
    public long? GetIntArg(string name) => SettingConvert.ToInteger<long>(GetSetting(name));

    /// <summary>The option's integer value (see <see cref="GetIntArg(string)"/>), or <paramref name="defaultValue"/> if unset.</summary>
    public long GetIntArg(string name, long defaultValue) => GetIntArg(name) ?? defaultValue;

    /// <summary>The option's value as an integer of type <typeparamref name="T"/>, saturating to its range; null if unset.</summary>
    public T? GetArg<T>(string name) where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        SettingConvert.ToInteger<T>(GetSetting(name));

    /// <summary>The option's value as an integer of type <typeparamref name="T"/>, or <paramref name="defaultValue"/> if unset.</summary>
    public T GetArg<T>(string name, T defaultValue) where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        GetArg<T>(name) ?? defaultValue;

    /// <summary>
    /// The option's value as a boolean the way Core reads it: a bare <c>-foo</c> is true, <c>-nofoo</c> false, otherwise
    /// the number's atoi is non-zero (so "true" and "yes" are false); null if unset.
    /// </summary>
    public bool? GetBoolArg(string name) => SettingConvert.ToBool(GetSetting(name));

    /// <summary>The option's boolean value (see <see cref="GetBoolArg(string)"/>), or <paramref name="defaultValue"/> if unset.</summary>
    public bool GetBoolArg(string name, bool defaultValue) => GetBoolArg(name) ?? defaultValue;

    /// <summary>
    /// The option's value as a normalized path ("." and ".." components and trailing separators removed), or
    /// <paramref name="defaultValue"/> if unset or empty; "" if negated (so <c>-nodebuglogfile</c> gives "").
    /// </summary>
    public string GetPathArg(string name, string defaultValue = "")
    {
        lock (_lock)
            return GetPathArgLocked(name, defaultValue);
    }

    /// <summary>Sets an option only if it has no value yet (a parameter interaction); returns whether it was set.</summary>
    public bool SoftSetArg(string name, string value)
    {
        lock (_lock)
        {
            if (!GetSettingLocked(name).IsNull)
                return false;
            _settings.ForcedSettings[SettingName(name)] = value;
            return true;
        }
    }

    /// <summary>Sets a boolean option ("1"/"0") only if it has no value yet; returns whether it was set.</summary>
    public bool SoftSetBoolArg(string name, bool value) => SoftSetArg(name, value ? "1" : "0");

    /// <summary>Sets an option, overriding every other source.</summary>
    public void ForceSetArg(string name, string value) => ForceSetArg(name, SettingsValue.FromString(value));

    /// <summary>Sets an option to any value (null resets it to its default), overriding every other source.</summary>
    public void ForceSetArg(string name, SettingsValue value)
    {
        lock (_lock)
            _settings.ForcedSettings[SettingName(name)] = value;
    }

    /// <summary>
    /// The value stored in the config file or settings.json, ignoring the command line and forced values: what the
    /// setting will be after a restart (used by the wallet and the GUI).
    /// </summary>
    public SettingsValue GetPersistentSetting(string name)
    {
        lock (_lock)
            return SettingsMerge.GetSetting(_settings, _network, name, !UseDefaultSection("-" + name),
                ignoreNonPersistent: true, getChainType: false);
    }

    /// <summary>
    /// The chain chosen by <c>-chain=</c>, <c>-regtest</c>, <c>-testnet</c>, <c>-testnet4</c>, <c>-signet</c> (main by
    /// default). Throws <see cref="ArgsException"/> with Core's message if more than one is given or the name is unknown.
    /// </summary>
    public ChainType GetChainType()
    {
        var (chain, name) = GetChainArg();
        return chain ?? throw new ArgsException($"Unknown chain {name}.");
    }

    /// <summary>
    /// The chosen chain's name, or the unknown name given to <c>-chain=</c> as is. Throws <see cref="ArgsException"/>
    /// if several chain options are given.
    /// </summary>
    public string GetChainTypeString()
    {
        var (chain, name) = GetChainArg();
        return chain?.ToName() ?? name;
    }

    /// <summary>
    /// Logs every config-file, settings-file and command-line value ("Config file arg: [regtest] server=\"1\"",
    /// "Command-line arg: rpcpassword=****"), hiding <see cref="ArgFlags.Sensitive"/> values.
    /// </summary>
    public void LogArgs()
    {
        lock (_lock)
        {
            foreach (var (section, args) in _settings.RoConfig)
                LogArgsPrefix("Config file arg:", section, args);
            foreach (var (name, value) in _settings.RwSettings)
                Log.Info($"Setting file arg: {name} = {value.Write()}");
            LogArgsPrefix("Command-line arg:", string.Empty, _settings.CommandLineOptions);
        }
    }

    private void LogArgsPrefix(string prefix, string section, IEnumerable<KeyValuePair<string, List<SettingsValue>>> args)
    {
        var sectionText = section.Length == 0 ? string.Empty : "[" + section + "] ";
        foreach (var (name, values) in args)
        {
            foreach (var value in values)
            {
                if (GetArgFlagsLocked("-" + name) is not { } flags)
                    continue;
                var valueText = (flags & ArgFlags.Sensitive) != 0 ? "****" : value.Write();
                Log.Info($"{prefix} {sectionText}{name}={valueText}");
            }
        }
    }

    private (ChainType? Chain, string Name) GetChainArg()
    {
        bool GetNet(string arg)
        {
            SettingsValue value;
            lock (_lock)
                value = SettingsMerge.GetSetting(_settings, string.Empty, SettingName(arg), ignoreDefaultSectionConfig: false,
                    ignoreNonPersistent: false, getChainType: true);
            return !value.IsNull && (value.IsBool ? value.GetBool() : KeyInfo.InterpretBool(value.GetString()));
        }

        var regtest = GetNet("-regtest");
        var signet = GetNet("-signet");
        var testnet = GetNet("-testnet");
        var testnet4 = GetNet("-testnet4");
        var chainArg = GetArg("-chain");

        var count = (chainArg is null ? 0 : 1) + (regtest ? 1 : 0) + (signet ? 1 : 0) + (testnet ? 1 : 0) + (testnet4 ? 1 : 0);
        if (count > 1)
            throw new ArgsException("Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.");
        if (chainArg is not null)
            return ChainTypeNames.TryParse(chainArg, out var parsed) ? (parsed, chainArg) : (null, chainArg);
        if (regtest)
            return (ChainType.Regtest, "regtest");
        if (signet)
            return (ChainType.Signet, "signet");
        if (testnet)
            return (ChainType.Testnet, "test");
        if (testnet4)
            return (ChainType.Testnet4, "testnet4");
        return (ChainType.Main, "main");
    }

    // Network-only options ignore the default config section unless the network is main.
    private bool UseDefaultSection(string arg) =>
        _network == ChainType.Main.ToName() || !_networkOnlyArgs.Contains(arg);

    private SettingsValue GetSettingLocked(string name) =>
        SettingsMerge.GetSetting(_settings, _network, SettingName(name), !UseDefaultSection(name),
            ignoreNonPersistent: false, getChainType: false);

    private string GetPathArgLocked(string name, string defaultValue)
    {
        var value = GetSettingLocked(name);
        if (value.IsFalse)
            return string.Empty;
        var text = SettingConvert.ToStringOrNull(value) ?? string.Empty;
        return text.Length == 0 ? defaultValue : PathUtil.NormalizeArgPath(text);
    }
}
