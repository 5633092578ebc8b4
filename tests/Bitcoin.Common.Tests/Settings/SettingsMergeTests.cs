using Bitcoin.Common.Settings;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Settings;

/// <summary>Settings precedence, ported from Core's settings_tests (Simple, NullOverride, Merge).</summary>
public sealed class SettingsMergeTests
{
    private const int End = 0, Set = 1, Negate = 2, SectionSet = 3, SectionNegate = 4;

    [Fact]
    public void CommandLineTakesTheLastValueAndConfigTheFirst()
    {
        var settings = new SettingsStore();
        settings.CommandLineValues("name").AddRange(["val1", "val2"]);
        settings.RoConfigValues("section", "name").Add(2);
        CheckValues(settings, "\"val2\"", "[\"val1\",\"val2\",2]");

        var settings2 = new SettingsStore();
        settings2.RoConfigValues("section", "name").AddRange(["val2", "val3"]);
        CheckValues(settings2, "\"val2\"", "[\"val2\",\"val3\"]");
    }

    [Fact]
    public void ForcedNullResetsToDefault()
    {
        var settings = new SettingsStore();
        settings.CommandLineValues("name").Add("value");
        Assert.Equal("\"value\"", SettingsMerge.GetSetting(settings, "section", "name", false, false, false).Write());
        settings.ForcedSettings["name"] = SettingsValue.Null;
        Assert.Equal("null", SettingsMerge.GetSetting(settings, "section", "name", false, false, false).Write());
    }

    [Fact]
    public void MergeOfEveryCombinationMatchesCore()
    {
        var hash = new Combinations.Hash256Writer();
        const string network = "main";
        var argActions = new int[3];
        Combinations.ForEachNoDup(argActions, Set, Negate, () =>
        {
            var confActions = new int[3];
            Combinations.ForEachNoDup(confActions, Set, SectionNegate, () =>
            {
                foreach (var forceSet in new[] { false, true })
                foreach (var ignoreDefaultSectionConfig in new[] { false, true })
                {
                    var desc = "";
                    var valueSuffix = 0;
                    var settings = new SettingsStore();
                    var name = ignoreDefaultSectionConfig ? "wallet" : "server";

                    void PushValues(int action, string valuePrefix, string namePrefix, List<SettingsValue> destination)
                    {
                        if (action is Set or SectionSet)
                        {
                            for (var i = 0; i < 2; i++)
                            {
                                destination.Add(valuePrefix + ++valueSuffix);
                                desc += " " + namePrefix + name + "=" + destination[^1].GetString();
                            }
                        }
                        else if (action is Negate or SectionNegate)
                        {
                            destination.Add(false);
                            desc += " " + namePrefix + "no" + name;
                        }
                    }

                    if (forceSet)
                    {
                        settings.ForcedSettings[name] = "forced";
                        desc += " " + name + "=forced";
                    }

                    foreach (var action in argActions)
                        PushValues(action, "a", "-", settings.CommandLineValues(name));
                    foreach (var action in confActions)
                    {
                        var useSection = action is SectionSet or SectionNegate;
                        PushValues(action, "c", useSection ? network + "." : "", settings.RoConfigValues(useSection ? network : "", name));
                    }

                    desc += " || ";
                    desc += SettingsMerge.GetSetting(settings, network, name, ignoreDefaultSectionConfig, false, false).Write();
                    desc += " |";
                    foreach (var value in SettingsMerge.GetSettingsList(settings, network, name, ignoreDefaultSectionConfig))
                        desc += " " + value.Write();
                    desc += " |";
                    if (SettingsMerge.OnlyHasDefaultSectionSetting(settings, network, name))
                        desc += " ignored";
                    desc += "\n";
                    hash.Write(desc);
                }
            });
        });
        Assert.Equal("79db02d74e3e193196541b67c068b40ebd0c124a24b3ecbe9cbf7e85b1c4ba7a", hash.FinalHex());
    }

    [Fact]
    public void ValuesWriteAsUniValue()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\\u0001\\u007f/é\"", SettingsValue.FromString("a\"b\\c\n\u0001\u007f/é").Write());
        Assert.Equal("{\"k\":[1,true,null]}", SettingsValue.Object([new("k", SettingsValue.Array(1, true, SettingsValue.Null))]).Write());
        Assert.Equal(SettingsValue.FromString("x"), (SettingsValue)"x");
        Assert.NotEqual(SettingsValue.FromString("1"), SettingsValue.FromInt64(1));
        Assert.Throws<SettingsTypeException>(() => SettingsValue.FromInt64(1).GetString());
        Assert.Equal("JSON value of type number is not of expected type string",
            Assert.Throws<SettingsTypeException>(() => SettingsValue.FromInt64(1).GetString()).Message);
    }

    private static void CheckValues(SettingsStore settings, string single, string list)
    {
        Assert.Equal(single, SettingsMerge.GetSetting(settings, "section", "name", false, false, false).Write());
        Assert.Equal(list, SettingsValue.Array(SettingsMerge.GetSettingsList(settings, "section", "name", false)).Write());
    }
}
