using Bitcoin.Common.Args.Internal;
using Bitcoin.Common.Chain;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Settings.Internal;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args;

public sealed partial class ArgsManager
{
    // The config file parser trims only these (not \f and \v, unlike the rest of Core).
    private const string ConfigWhitespace = " \t\r\n";

    private static readonly HashSet<string> s_recognizedSections =
        [.. ChainTypeNames.All.Select(c => c.ToName())];

    /// <summary>
    /// Reads bitcoin.conf (the <c>-conf</c> path, relative to the data directory; none with <c>-noconf</c>) and the
    /// files it names with <c>includeconf=</c> (those of the chain's section first), replacing earlier config values.
    /// Unknown options are warned about and ignored when <paramref name="ignoreInvalidKeys"/> (as bitcoind does), else
    /// refused. On error returns false with Core's message; bitcoind reports it as
    /// "Error: Error reading configuration file: &lt;message&gt;". May throw <see cref="ArgsException"/> when the
    /// chain options conflict.
    /// </summary>
    public bool ReadConfigFiles(out string error, bool ignoreInvalidKeys = false)
    {
        error = string.Empty;
        lock (_lock)
        {
            _settings.RoConfig.Clear();
            _configSections.Clear();
            var confValue = GetPathArgLocked("-conf", BitcoinConfFilename);
            _configPath = confValue.Length == 0 || Path.IsPathFullyQualified(confValue)
                ? confValue
                : PathUtil.AbsPathJoin(GetDataDirLocked(netSpecific: false), confValue);
        }

        var confPath = GetConfigFilePath();
        string? confText = null;
        if (confPath.Length > 0)
        {
            if (Directory.Exists(confPath))
            {
                error = $"Config file \"{confPath}\" is a directory.";
                return false;
            }

            confText = TryReadText(confPath);
            // A file given explicitly must be readable; the default one may be missing.
            if (confText is null && IsArgSet("-conf"))
            {
                error = $"specified config file \"{confPath}\" could not be opened.";
                return false;
            }
        }

        if (confText is not null)
        {
            if (!ReadConfigStream(new StringReader(confText), confPath, out error, ignoreInvalidKeys))
                return false;
            if (!ReadIncludedConfigFiles(out error, ignoreInvalidKeys))
                return false;
        }

        // The config file may have changed the data directory.
        ClearPathCache();
        if (!DataDirectory.CheckDataDirOption(this))
        {
            error = $"specified data directory \"{GetArg("-datadir", "")}\" does not exist.";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses one config file's text and adds its values (Core's <c>ReadConfigStream</c>): <c>name=value</c>,
    /// <c>[section]</c>, <c>section.name=value</c>, <c>noname=1</c>, '#' comments. <paramref name="filePath"/> is used in
    /// section records for warnings. Returns false with Core's message on a parse error or refused option.
    /// </summary>
    public bool ReadConfigStream(TextReader reader, string filePath, out string error, bool ignoreInvalidKeys = false)
    {
        lock (_lock)
        {
            if (!ParseConfigOptions(reader, filePath, out error, out var options))
                return false;
            foreach (var (name, value) in options)
            {
                var key = KeyInfo.Interpret(name);
                var flags = GetArgFlagsLocked("-" + key.Name);
                if (!IsConfSupported(key, out error))
                    return false;
                if (flags is { } f)
                {
                    var setting = key.InterpretValue(value, f, out error);
                    if (setting is null)
                        return false;
                    _settings.RoConfigValues(key.Section, key.Name).Add(setting.Value);
                }
                else if (ignoreInvalidKeys)
                {
                    Log.Warning($"Ignoring unknown configuration value {name}");
                }
                else
                {
                    error = $"Invalid configuration value {name}";
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Replaces all config values with those parsed from <paramref name="text"/> (for tests and tools).</summary>
    public bool ReadConfigString(string text, out string error)
    {
        lock (_lock)
        {
            _settings.RoConfig.Clear();
            _configSections.Clear();
        }

        return ReadConfigStream(new StringReader(text), string.Empty, out error);
    }

    /// <summary>The config file in use: absolute, or "" with <c>-noconf</c>. Valid after <see cref="ReadConfigFiles"/>.</summary>
    public string GetConfigFilePath()
    {
        lock (_lock)
            return _configPath ?? throw new InvalidOperationException("The config file path is known only after ReadConfigFiles.");
    }

    /// <summary>Sets the config file path without reading it (for tools that do not read one).</summary>
    public void SetConfigFilePath(string path)
    {
        lock (_lock)
        {
            if (_configPath is not null)
                throw new InvalidOperationException("The config file path is already set.");
            _configPath = path;
        }
    }

    /// <summary>
    /// Network-only options that are set only in the config file's default section while a chain other than main is
    /// selected, so they are ignored; bitcoind refuses to start with "Config setting for -x only applied on regtest
    /// network when in [regtest] section." for each.
    /// </summary>
    public IReadOnlySet<string> GetUnsuitableSectionOnlyArgs()
    {
        var unsuitable = new SortedSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            if (_network.Length == 0 || _network == ChainType.Main.ToName())
                return unsuitable;
            foreach (var arg in _networkOnlyArgs)
            {
                if (SettingsMerge.OnlyHasDefaultSectionSetting(_settings, _network, SettingName(arg)))
                    unsuitable.Add(arg);
            }
        }

        return unsuitable;
    }

    /// <summary>
    /// Config sections that name no chain ("[testnet]"), in file order; bitcoind warns
    /// "&lt;file&gt;:&lt;line&gt; Section [x] is not recognized." for each.
    /// </summary>
    public IReadOnlyList<SectionInfo> GetUnrecognizedSections()
    {
        lock (_lock)
            return _configSections.Where(s => !s_recognizedSections.Contains(s.Name)).ToList();
    }

    private bool ReadIncludedConfigFiles(out string error, bool ignoreInvalidKeys)
    {
        error = string.Empty;

        // -noincludeconf on the command line turns includes off (a plain -includeconf was refused while parsing).
        lock (_lock)
        {
            if (_settings.CommandLineOptions.ContainsKey("includeconf"))
                return true;
        }

        var chainId = GetChainTypeString();
        var fileNames = new List<string>();
        var chainIncludes = AddIncludes(chainId, 0, fileNames);
        var defaultIncludes = AddIncludes(string.Empty, 0, fileNames);

        foreach (var fileName in fileNames)
        {
            var includePath = DataDirectory.AbsPathForConfigVal(this, fileName, netSpecific: false);
            if (Directory.Exists(includePath))
            {
                error = $"Included config file \"{includePath}\" is a directory.";
                return false;
            }

            var text = TryReadText(includePath);
            if (text is null)
            {
                error = "Failed to include configuration file " + fileName;
                return false;
            }

            if (!ReadConfigStream(new StringReader(text), fileName, out error, ignoreInvalidKeys))
                return false;
            Log.Info($"Included configuration file {fileName}");
        }

        // Included files may not include further files: warn about any includeconf they added.
        fileNames.Clear();
        AddIncludes(chainId, chainIncludes, fileNames);
        AddIncludes(string.Empty, defaultIncludes, fileNames);
        var finalChainId = GetChainTypeString();
        if (finalChainId != chainId)
            AddIncludes(finalChainId, 0, fileNames);
        foreach (var fileName in fileNames)
            ErrorOutput.WriteLine($"warning: -includeconf cannot be used from included files; ignoring -includeconf={fileName}");
        return true;
    }

    // Appends the includeconf values of a section (skipping the first `skip` and any negated ones); returns how many
    // values the section has in total.
    private int AddIncludes(string section, int skip, List<string> fileNames)
    {
        lock (_lock)
        {
            if (!_settings.RoConfig.TryGetValue(section, out var options) || !options.TryGetValue("includeconf", out var values))
                return 0;
            for (var i = Math.Max(skip, new SettingsSpan(values).Negated); i < values.Count; i++)
                fileNames.Add(values[i].GetString());
            return values.Count;
        }
    }

    private bool ParseConfigOptions(TextReader reader, string filePath, out string error, out List<(string Name, string Value)> options)
    {
        error = string.Empty;
        options = [];
        var prefix = string.Empty;
        var lineNumber = 1;
        // Split on '\n' only, as std::getline does: a lone '\r' is not a line break ('\r' is trimmed from line ends).
        var lines = reader.ReadToEnd().Split('\n');
        var lineCount = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var index = 0; index < lineCount; index++)
        {
            var line = lines[index];
            var usedHash = false;
            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
                usedHash = true;
            }

            line = IntegerParsing.Trim(line, ConfigWhitespace);
            if (line.Length > 0)
            {
                int equals;
                if (line[0] == '[' && line[^1] == ']')
                {
                    var section = line[1..^1];
                    _configSections.Add(new SectionInfo(section, filePath, lineNumber));
                    prefix = section + ".";
                }
                else if (line[0] == '-')
                {
                    error = $"parse error on line {lineNumber}: {line}, options in configuration file must be specified without leading -";
                    return false;
                }
                else if ((equals = line.IndexOf('=')) >= 0)
                {
                    var name = prefix + IntegerParsing.Trim(line[..equals], ConfigWhitespace);
                    var value = IntegerParsing.Trim(line[(equals + 1)..], ConfigWhitespace);
                    if (usedHash && name.Contains("rpcpassword", StringComparison.Ordinal))
                    {
                        error = $"parse error on line {lineNumber}, using # in rpcpassword can be ambiguous and should be avoided";
                        return false;
                    }

                    options.Add((name, value));
                    var dot = name.LastIndexOf('.');
                    if (dot >= 0 && prefix.Length <= dot)
                        _configSections.Add(new SectionInfo(name[..dot], filePath, lineNumber));
                }
                else
                {
                    error = $"parse error on line {lineNumber}: {line}";
                    if (line.Length >= 2 && line.StartsWith("no", StringComparison.Ordinal))
                        error += $", if you intended to specify a negated option, use {line}=1 instead";
                    return false;
                }
            }

            lineNumber++;
        }

        return true;
    }

    private static bool IsConfSupported(KeyInfo key, out string error)
    {
        error = string.Empty;
        if (key.Name == "conf")
        {
            error = "conf cannot be set in the configuration file; use includeconf= if you want to include additional config files";
            return false;
        }

        if (key.Name == "reindex")
        {
            // Allowed, but it makes every start a reindex.
            Log.Warning("reindex=1 is set in the configuration file, which will significantly slow down startup. Consider removing or commenting out this option for better performance, unless there is currently a condition which makes rebuilding the indexes necessary");
        }

        return true;
    }

    private static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
