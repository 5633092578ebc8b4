using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Capnp;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// <see cref="GlobalArgs"/> as the schemas carry it (Core's common-types conversion of <c>common::Settings</c>): maps as
/// lists of key/value pairs in key order, every value as its JSON text, the config-file sections as pairs of a section
/// name and that section's options.
/// </summary>
internal static class GlobalArgsConversions
{
    public static void Write(GlobalArgs value, M.GlobalArgs.Builder output)
    {
        var settings = output.Settings;
        WriteValues(value.Settings.ForcedSettings, settings.InitForcedSettings(value.Settings.ForcedSettings.Count));
        WriteValueLists(value.Settings.CommandLineOptions, settings.InitCommandLineOptions(value.Settings.CommandLineOptions.Count));
        WriteValues(value.Settings.RwSettings, settings.InitRwSettings(value.Settings.RwSettings.Count));
        var sections = settings.InitRoConfig(value.Settings.RoConfig.Count);
        var i = 0;
        foreach (var (section, options) in value.Settings.RoConfig)
        {
            var pair = sections[i++];
            pair.Key.SetText(section);
            WriteValueLists(options, StructListBuilder<M.Pair.Builder>.Init(pair.Value, options.Count));
        }

        output.SetConfigPath(value.ConfigPath);
    }

    /// <summary>Reads what the peer sent; malformed settings (bad JSON, wrong pointer kinds) throw <see cref="IpcFormatException"/>.</summary>
    public static GlobalArgs Read(M.GlobalArgs input)
    {
        var store = new SettingsStore();
        var settings = input.Settings;
        try
        {
            foreach (var pair in settings.ForcedSettings)
                store.ForcedSettings[Key(pair)] = SettingsJson.Read(pair.Value.GetText().ToString());
            foreach (var pair in settings.CommandLineOptions)
                store.CommandLineValues(Key(pair)).AddRange(ReadValueList(pair.Value));
            foreach (var pair in settings.RwSettings)
                store.RwSettings[Key(pair)] = SettingsJson.Read(pair.Value.GetText().ToString());
            foreach (var section in settings.RoConfig)
            {
                var sectionName = section.Key.GetText().ToString();
                foreach (var option in StructListReader<M.Pair>.Create(section.Value.GetList(ElementSize.InlineComposite)))
                    store.RoConfigValues(sectionName, Key(option)).AddRange(ReadValueList(option.Value));
            }
        }
        catch (CapnpFormatException e)
        {
            throw new IpcFormatException($"The global arguments are malformed: {e.Message}", e);
        }

        return new GlobalArgs(store, input.ConfigPath.ToString());
    }

    private static string Key(M.Pair pair)
    {
        var key = pair.Key.GetText().ToString();
        if (key.Length == 0) throw new IpcFormatException("A setting has an empty name.");
        return key;
    }

    private static void WriteValues(SortedDictionary<string, SettingsValue> values, StructListBuilder<M.Pair.Builder> output)
    {
        var i = 0;
        foreach (var (name, value) in values)
        {
            var pair = output[i++];
            pair.Key.SetText(name);
            pair.Value.SetText(SettingsJson.Write(value));
        }
    }

    private static void WriteValueLists(SortedDictionary<string, List<SettingsValue>> values, StructListBuilder<M.Pair.Builder> output)
    {
        var i = 0;
        foreach (var (name, list) in values)
        {
            var pair = output[i++];
            pair.Key.SetText(name);
            var texts = TextListBuilder.Init(pair.Value, list.Count);
            for (var j = 0; j < list.Count; j++) texts.Set(j, SettingsJson.Write(list[j]));
        }
    }

    private static IEnumerable<SettingsValue> ReadValueList(AnyPointerReader pointer) =>
        TextListReader.Create(pointer.GetList(ElementSize.Pointer)).Select(text => SettingsJson.Read(text.ToString())).ToList();
}
