using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Bans;

/// <summary>
/// banlist.json in the network data directory (Core's CBanDB): a settings-style JSON object whose "banned_nets" array
/// holds {"version", "ban_created", "banned_until", "address"} entries. Written to a temporary file and renamed.
/// </summary>
internal sealed class BanListFile(string basePath)
{
    private const string JsonKey = "banned_nets";

    private string JsonPath => basePath + ".json";

    private string DatPath => basePath + ".dat";

    /// <summary>Writes the bans; false (logged) on failure.</summary>
    public bool Write(IEnumerable<KeyValuePair<SubNet, BanEntry>> bans)
    {
        var entries = bans.Select(ban => SettingsValue.Object(
        [
            new("version", SettingsValue.FromInt64(ban.Value.Version)),
            new("ban_created", SettingsValue.FromInt64(ban.Value.CreateTime)),
            new("banned_until", SettingsValue.FromInt64(ban.Value.BanUntil)),
            new("address", SettingsValue.FromString(ban.Key.ToString())),
        ]));
        var temporary = JsonPath + ".tmp";
        var errors = new List<string>();
        if (!SettingsFile.Write(temporary, [new(JsonKey, SettingsValue.Array(entries))], errors))
        {
            foreach (var error in errors)
                Log.Error(error);
            return false;
        }

        try
        {
            File.Move(temporary, JsonPath, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Error($"Failed renaming settings file {temporary} to {JsonPath}: {e.Message}");
            return false;
        }
    }

    /// <summary>Reads the bans; false when the file is missing or unreadable (the caller then starts a new list).</summary>
    public bool Read(IDictionary<SubNet, BanEntry> bans, bool cjdnsReachable)
    {
        if (File.Exists(DatPath))
        {
            Log.Warning($"banlist.dat ignored because it can only be read by Bitcoin Core version 22.x. Remove \"{DatPath}\" to silence this warning.");
        }

        if (!File.Exists(JsonPath))
            return false;
        var settings = new Dictionary<string, SettingsValue>(StringComparer.Ordinal);
        var errors = new List<string>();
        if (!SettingsFile.Read(JsonPath, settings, errors))
        {
            foreach (var error in errors)
                Log.Warning($"Cannot load banlist {JsonPath}: {error}");
            return false;
        }

        try
        {
            if (!settings.TryGetValue(JsonKey, out var list))
                list = SettingsValue.Null;
            foreach (var item in list.IsArray ? list.Items : [])
            {
                int version = (int)Field(item, "version").GetInt64();
                if (version != BanEntry.CurrentVersion)
                {
                    Log.Info($"Dropping entry with unknown version ({version}) from ban list");
                    continue;
                }

                var text = Field(item, "address").GetString();
                var subnet = HostResolver.LookupSubNet(text, cjdnsReachable);
                if (!subnet.IsValid)
                {
                    Log.Info($"Dropping entry with unparseable address or subnet ({text}) from ban list");
                    continue;
                }

                bans[subnet] = new BanEntry(Field(item, "ban_created").GetInt64(), Field(item, "banned_until").GetInt64(), version);
            }
        }
        catch (Exception e) when (e is SettingsTypeException or InvalidOperationException or FormatException or OverflowException)
        {
            Log.Warning($"Cannot parse banlist {JsonPath}: {e.Message}");
            return false;
        }

        return true;
    }

    private static SettingsValue Field(SettingsValue item, string key)
    {
        if (!item.IsObject)
            throw new InvalidOperationException($"JSON value is not an object as expected");
        foreach (var (name, value) in item.Properties)
        {
            if (name == key)
                return value;
        }

        return SettingsValue.Null;
    }
}
