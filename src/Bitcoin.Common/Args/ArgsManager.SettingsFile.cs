using Bitcoin.Common.Args.Internal;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args;

public sealed partial class ArgsManager
{
    /// <summary>
    /// The read-write settings file's path: <c>-settings</c> (default settings.json) relative to the network data
    /// directory; with <paramref name="temp"/> the ".tmp" file written before renaming, with <paramref name="backup"/>
    /// the ".bak" file. Returns false (and "") when disabled with <c>-nosettings</c>.
    /// </summary>
    public bool GetSettingsPath(out string path, bool temp = false, bool backup = false)
    {
        path = string.Empty;
        var settings = GetPathArg("-settings", BitcoinSettingsFilename);
        if (settings.Length == 0)
            return false;
        if (backup)
            settings += ".bak";
        if (temp)
            settings += ".tmp";
        path = PathUtil.AbsPathJoin(GetDataDirNet(), settings);
        return true;
    }

    /// <summary>True unless settings.json is disabled with <c>-nosettings</c>.</summary>
    public bool HasSettingsFile => GetSettingsPath(out _);

    /// <summary>
    /// Reads settings.json (if enabled) into the read-write settings, replacing them. Errors go to
    /// <paramref name="errors"/>, or are logged as warnings if it is null. Unknown names are kept but warned about.
    /// </summary>
    public bool ReadSettingsFile(List<string>? errors = null)
    {
        if (!GetSettingsPath(out var path))
            return true;

        lock (_lock)
        {
            var readErrors = new List<string>();
            if (!SettingsFile.Read(path, _settings.RwSettings, readErrors))
            {
                SaveErrors(readErrors, errors);
                return false;
            }

            foreach (var name in _settings.RwSettings.Keys)
            {
                var key = KeyInfo.Interpret(name);
                if (GetArgFlagsLocked("-" + key.Name) is null)
                    Log.Warning($"Ignoring unknown rw_settings value {name}");
            }

            return true;
        }
    }

    /// <summary>
    /// Writes the read-write settings to settings.json atomically (a temporary file renamed over it), or to the backup
    /// file. Errors go to <paramref name="errors"/>, or are logged if it is null. Throws if settings are disabled.
    /// </summary>
    public bool WriteSettingsFile(List<string>? errors = null, bool backup = false)
    {
        if (!GetSettingsPath(out var path, temp: false, backup) || !GetSettingsPath(out var tempPath, temp: true, backup))
            throw new InvalidOperationException("Attempt to write settings file when dynamic settings are disabled.");

        lock (_lock)
        {
            var writeErrors = new List<string>();
            if (!SettingsFile.Write(tempPath, _settings.RwSettings, writeErrors))
            {
                SaveErrors(writeErrors, errors);
                return false;
            }

            try
            {
                File.Move(tempPath, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                SaveErrors([$"Failed renaming settings file {tempPath} to {path}\n"], errors);
                return false;
            }

            return true;
        }
    }

    /// <summary>The value of a settings.json entry (null if absent), as Core's <c>Chain::getRwSetting</c>.</summary>
    public SettingsValue GetRwSetting(string name)
    {
        lock (_lock)
            return _settings.RwSettings.TryGetValue(name, out var value) ? value : SettingsValue.Null;
    }

    /// <summary>
    /// Replaces a settings.json entry (null removes it) and, with <paramref name="write"/>, saves the file, as Core's
    /// <c>Chain::overwriteRwSetting</c> (used by the wallet for <c>load_on_startup</c>). Returns false if saving failed
    /// (the failure is logged); the in-memory value is changed either way.
    /// </summary>
    public bool OverwriteRwSetting(string name, SettingsValue value, bool write = true)
    {
        lock (_lock)
        {
            if (value.IsNull)
                _settings.RwSettings.Remove(name);
            else
                _settings.RwSettings[name] = value;
        }

        return !write || WriteSettingsFile();
    }

    private static void SaveErrors(List<string> source, List<string>? destination)
    {
        foreach (var error in source)
        {
            if (destination is not null)
                destination.Add(error);
            else
                Log.Warning(error);
        }
    }
}
