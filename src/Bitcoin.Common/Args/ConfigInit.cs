using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args;

/// <summary>The configuration step every executable runs after parsing its command line (Core's <c>common::InitConfig</c>).</summary>
public static class ConfigInit
{
    /// <summary>
    /// Checks <c>-datadir</c>, reads bitcoin.conf and its includes, selects the chain, creates the data and network
    /// directories (each with a "wallets" subdirectory when new), refuses a bitcoin.conf in the data directory that would
    /// be ignored (unless <c>-allowignoredconf</c>), and reads then rewrites settings.json. Returns null on success, or
    /// the error with Core's message, which bitcoind prints as "Error: &lt;message&gt;" before exiting with status 1.
    /// </summary>
    /// <param name="args">Arguments with the command line already parsed.</param>
    /// <param name="settingsAbort">
    /// Asked (message, details) whether to abort when settings.json cannot be read; null fails at once (bitcoind).
    /// </param>
    public static ConfigError? InitConfig(ArgsManager args, Func<string, IReadOnlyList<string>, bool>? settingsAbort = null)
    {
        try
        {
            if (!DataDirectory.CheckDataDirOption(args))
                return Failed($"Specified data directory \"{args.GetArg("-datadir", "")}\" does not exist.");

            // Remember where the data directory and config file were before reading the config file, which may move
            // the data directory with datadir=.
            var originalDataDir = args.GetDataDirBase();
            var originalConfigPath = DataDirectory.AbsPathForConfigVal(args,
                args.GetPathArg("-conf", ArgsManager.BitcoinConfFilename), netSpecific: false);

            if (!args.ReadConfigFiles(out var error, ignoreInvalidKeys: true))
                return Failed($"Error reading configuration file: {error}");

            args.SelectChain(args.GetChainType());

            // A new data directory gets a "wallets" subdirectory so that wallets never mix with node files.
            var basePath = args.GetDataDirBase();
            if (!Path.Exists(basePath))
                Directory.CreateDirectory(Path.Join(basePath, "wallets"));
            var netPath = args.GetDataDirNet();
            if (!Path.Exists(netPath))
                Directory.CreateDirectory(Path.Join(netPath, "wallets"));

            if (CheckIgnoredConfig(args, basePath, originalDataDir, originalConfigPath) is { } ignored)
                return ignored;

            if (args.HasSettingsFile)
            {
                var details = new List<string>();
                if (!args.ReadSettingsFile(details))
                {
                    const string message = "Settings file could not be read";
                    if (settingsAbort is null)
                        return new ConfigError(ConfigStatus.Failed, message, details);
                    if (settingsAbort(message, details))
                        return new ConfigError(ConfigStatus.Aborted, message, details);
                    details.Clear();
                }

                if (!args.WriteSettingsFile(details))
                    return new ConfigError(ConfigStatus.FailedWrite, "Settings file could not be written", details);
            }
        }
        catch (Exception e) when (e is ArgsException or SettingsTypeException or IOException or UnauthorizedAccessException)
        {
            return Failed(e.Message);
        }

        return null;
    }

    private static ConfigError? CheckIgnoredConfig(ArgsManager args, string basePath, string originalDataDir, string originalConfigPath)
    {
        var baseConfigPath = Path.Join(basePath, ArgsManager.BitcoinConfFilename);
        if (!File.Exists(baseConfigPath) && !Directory.Exists(baseConfigPath))
            return null;

        if (originalConfigPath.Length == 0)
        {
            Log.Info($"Data directory {TextFormatting.Quoted(basePath)} contains a {TextFormatting.Quoted(ArgsManager.BitcoinConfFilename)} file which is explicitly ignored using -noconf.");
            return null;
        }

        if (PathUtil.Equivalent(originalConfigPath, baseConfigPath))
            return null;

        var commandLineConfig = args.GetArg("-conf", "");
        var source = commandLineConfig.Length == 0
            ? $"data directory {TextFormatting.Quoted(originalDataDir)}"
            : $"command line argument {TextFormatting.Quoted("-conf=" + commandLineConfig)}";
        var quotedBase = TextFormatting.Quoted(basePath);
        var quotedName = TextFormatting.Quoted(ArgsManager.BitcoinConfFilename);
        var error =
            $"Data directory {quotedBase} contains a {quotedName} file which is ignored, because a different configuration file " +
            $"{TextFormatting.Quoted(originalConfigPath)} from {source} is being used instead. Possible ways to address this would be to:\n" +
            $"- Delete or rename the {quotedName} file in data directory {quotedBase}.\n" +
            "- Change datadir= or conf= options to specify one configuration file, not two, and use " +
            "includeconf= to include any other configuration files.";
        if (args.GetBoolArg("-allowignoredconf", false))
        {
            Log.Warning(error);
            return null;
        }

        error += "\n- Set allowignoredconf=1 option to treat this condition as a warning, not an error.";
        return Failed(error);
    }

    private static ConfigError Failed(string message) => new(ConfigStatus.Failed, message, []);
}
