using Bitcoin.Common.Chain;
using Bitcoin.Common.Settings;

namespace Bitcoin.Common.Args;

/// <summary>
/// Command-line options, bitcoin.conf and settings.json, as Bitcoin Core's <c>ArgsManager</c>. Register every option
/// (<see cref="AddArg"/>), then <see cref="ParseParameters"/>, <see cref="ReadConfigFiles"/>, <see cref="SelectChain"/>
/// and <see cref="ReadSettingsFile"/> (the usual sequence is in <see cref="ConfigInit.InitConfig"/>); read values with
/// <see cref="GetArg(string)"/>, <see cref="GetIntArg(string)"/>, <see cref="GetBoolArg(string)"/>,
/// <see cref="GetArgs"/>. Option names are passed with their leading dash ("-rpcport"). Thread-safe.
/// </summary>
public sealed partial class ArgsManager
{
    /// <summary>The config file's default name in the data directory.</summary>
    public const string BitcoinConfFilename = "bitcoin.conf";

    /// <summary>The read-write settings file's default name in the network data directory.</summary>
    public const string BitcoinSettingsFilename = "settings.json";

    private readonly Lock _lock = new();
    private readonly SettingsStore _settings = new();
    private readonly List<string> _command = [];
    private readonly SortedSet<string> _networkOnlyArgs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<OptionsCategory, SortedDictionary<string, RegisteredArg>> _availableArgs = new();
    private readonly Dictionary<string, SortedSet<string>> _commandArgs = new(StringComparer.Ordinal);
    private readonly List<SectionInfo> _configSections = [];
    private string _network = string.Empty;
    private ChainType? _chain;
    private ArgFlags? _defaultFlags;
    private bool _acceptAnyCommand = true;
    private string? _configPath;
    private string _cachedBlocksPath = string.Empty;
    private string _cachedDataDirPath = string.Empty;
    private string _cachedNetworkDataDirPath = string.Empty;

    private sealed record RegisteredArg(string HelpParam, string HelpText, ArgFlags Flags);

    /// <summary>
    /// Where messages that Core prints straight to stderr go (the warning about <c>includeconf</c> inside an included
    /// file). Defaults to <see cref="Console.Error"/>.
    /// </summary>
    public TextWriter ErrorOutput { get; set; } = Console.Error;

    /// <summary>
    /// Registers an option. <paramref name="name"/> is the option with its help parameter, e.g. "-rpcport=&lt;port&gt;"
    /// or "-server". Registering a name twice (outside <see cref="OptionsCategory.Hidden"/>) is a programming error.
    /// </summary>
    public void AddArg(string name, string help, ArgFlags flags, OptionsCategory category)
    {
        if ((flags & ArgFlags.Command) != 0)
            throw new ArgumentException("Use AddCommand to register commands.", nameof(flags));
        var equals = name.IndexOf('=');
        if (equals < 0)
            equals = name.Length;
        var argName = name[..equals];

        lock (_lock)
        {
            // Hidden duplicates are allowed: they stand in for options of other binaries that share a config file.
            foreach (var (existingCategory, args) in _availableArgs)
            {
                if (existingCategory == OptionsCategory.Hidden || category == OptionsCategory.Hidden)
                    continue;
                if (args.ContainsKey(argName))
                    throw new InvalidOperationException($"Option {argName} is registered twice.");
            }

            var map = GetCategoryMap(category);
            if (!map.TryAdd(argName, new RegisteredArg(name[equals..], help, flags)))
                throw new InvalidOperationException($"Option {argName} is registered twice.");
            if ((flags & ArgFlags.NetworkOnly) != 0)
                _networkOnlyArgs.Add(argName);
        }
    }

    /// <summary>
    /// Registers a command (a word such as bitcoin-wallet's "create"). Once any command is registered, the first
    /// non-option argument must be one ("Invalid command 'x'"). <paramref name="options"/> lists the
    /// <see cref="OptionsCategory.CommandOptions"/> options valid with it.
    /// </summary>
    public void AddCommand(string command, string help, IEnumerable<string>? options = null)
    {
        if (command.Contains('=') || command.StartsWith('-'))
            throw new ArgumentException("A command has no '=' and does not start with '-'.", nameof(command));
        lock (_lock)
        {
            _acceptAnyCommand = false;
            var commands = GetCategoryMap(OptionsCategory.Commands);
            if (!commands.TryAdd(command, new RegisteredArg(string.Empty, help, ArgFlags.Command)))
                throw new InvalidOperationException($"Command {command} is registered twice.");
            var optionSet = new SortedSet<string>(options ?? [], StringComparer.Ordinal);
            if (optionSet.Count > 0)
            {
                var commandOptions = GetCategoryMap(OptionsCategory.CommandOptions);
                if (!optionSet.All(commandOptions.ContainsKey))
                    throw new InvalidOperationException($"Options of command {command} must be registered first in CommandOptions.");
                _commandArgs.TryAdd(command, optionSet);
            }
        }
    }

    /// <summary>Registers options that are accepted (and ignored) but never shown in help.</summary>
    public void AddHiddenArgs(IEnumerable<string> names)
    {
        foreach (var name in names)
            AddArg(name, string.Empty, ArgFlags.AllowAny, OptionsCategory.Hidden);
    }

    /// <summary>Forgets every registered option and every value (Core's <c>ClearArgs</c>).</summary>
    public void ClearArgs()
    {
        lock (_lock)
        {
            _settings.Clear();
            _availableArgs.Clear();
            _commandArgs.Clear();
            _networkOnlyArgs.Clear();
            _configSections.Clear();
        }
    }

    /// <summary>The flags of a registered option ("-name"), or the default flags (normally null) if unknown.</summary>
    public ArgFlags? GetArgFlags(string name)
    {
        lock (_lock)
            return GetArgFlagsLocked(name);
    }

    /// <summary>Flags to assume for unregistered options; null (the default) makes them errors.</summary>
    public void SetDefaultFlags(ArgFlags? flags)
    {
        lock (_lock)
            _defaultFlags = flags;
    }

    /// <summary>
    /// Selects the config-file section to read ("main", "test", "testnet4", "signet", "regtest", or any name in tests).
    /// A chain name also selects that chain for the network data directory.
    /// </summary>
    public void SelectConfigNetwork(string network)
    {
        lock (_lock)
        {
            _network = network;
            _chain = ChainTypeNames.TryParse(network, out var chain) ? chain : null;
            _cachedNetworkDataDirPath = string.Empty;
            _cachedBlocksPath = string.Empty;
        }
    }

    /// <summary>
    /// Selects the chain the process runs (Core's <c>SelectBaseParams</c>): its config section and its network data
    /// directory. Call it with <see cref="GetChainType"/> after the config file is read.
    /// </summary>
    public void SelectChain(ChainType chain) => SelectConfigNetwork(chain.ToName());

    /// <summary>The selected chain; throws if <see cref="SelectChain"/> has not been called.</summary>
    public ChainType Chain
    {
        get
        {
            lock (_lock)
                return _chain ?? throw new InvalidOperationException("No chain is selected yet: call SelectChain first.");
        }
    }

    /// <summary>The selected chain's base parameters (data subdirectory, RPC port); throws if none is selected.</summary>
    public BaseChainParams BaseParams => BaseChainParams.For(Chain);

    /// <summary>
    /// Runs <paramref name="action"/> with the settings store under the lock, e.g. to change settings.json values
    /// before <see cref="WriteSettingsFile"/> (Core's <c>LockSettings</c>).
    /// </summary>
    public void LockSettings(Action<SettingsStore> action)
    {
        lock (_lock)
            action(_settings);
    }

    /// <summary>Like <see cref="LockSettings(Action{SettingsStore})"/>, returning a result.</summary>
    public T LockSettings<T>(Func<SettingsStore, T> func)
    {
        lock (_lock)
            return func(_settings);
    }

    private SortedDictionary<string, RegisteredArg> GetCategoryMap(OptionsCategory category)
    {
        if (!_availableArgs.TryGetValue(category, out var map))
            _availableArgs[category] = map = new SortedDictionary<string, RegisteredArg>(StringComparer.Ordinal);
        return map;
    }

    private ArgFlags? GetArgFlagsLocked(string name)
    {
        foreach (var args in _availableArgs.Values)
        {
            if (args.TryGetValue(name, out var arg))
                return arg.Flags;
        }

        return _defaultFlags;
    }

    private static string SettingName(string arg) => arg.Length > 0 && arg[0] == '-' ? arg[1..] : arg;
}
