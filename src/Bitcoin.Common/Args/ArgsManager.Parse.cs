using Bitcoin.Common.Args.Internal;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Settings.Internal;

namespace Bitcoin.Common.Args;

public sealed partial class ArgsManager
{
    /// <summary>
    /// Parses command-line arguments (without the program name) with Core's rules: <c>-x</c> and <c>--x</c> are the
    /// same; <c>-x=v</c> sets a value, <c>-x</c> sets "", <c>-nox</c> negates; repeated options keep every value; a
    /// lone "-" ends parsing; the first argument not starting with '-' and everything after it form the command (see
    /// <see cref="GetCommand"/>). Replaces earlier command-line values. On error returns false with Core's message
    /// ("Invalid parameter -foo", "Negating of -x is meaningless and therefore forbidden", ...); bitcoind reports it as
    /// "Error: Error parsing command line arguments: &lt;message&gt;".
    /// </summary>
    public bool ParseParameters(IReadOnlyList<string> arguments, out string error)
    {
        error = string.Empty;
        lock (_lock)
        {
            _settings.CommandLineOptions.Clear();
            _command.Clear();

            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                var key = argument;

                // A lone dash is stdin for tools like bitcoin-tx: stop reading options.
                if (key == "-")
                    break;

                string? value = null;
                var equals = key.IndexOf('=');
                if (equals >= 0)
                {
                    value = key[(equals + 1)..];
                    key = key[..equals];
                }

                if (OperatingSystem.IsWindows())
                {
                    key = key.ToLowerInvariant();
                    if (key.StartsWith('/'))
                        key = "-" + key[1..];
                }

                if (key.Length == 0 || key[0] != '-')
                {
                    if (!_acceptAnyCommand && _command.Count == 0)
                    {
                        var commandFlags = GetArgFlagsLocked(key);
                        if (commandFlags is not { } f || (f & ArgFlags.Command) == 0)
                        {
                            error = $"Invalid command '{argument}'";
                            return false;
                        }
                    }

                    _command.Add(key);
                    for (i++; i < arguments.Count; i++)
                        _command.Add(arguments[i]);
                    break;
                }

                if (key.Length > 1 && key[1] == '-')
                    key = key[1..];
                key = key[1..];

                var keyInfo = KeyInfo.Interpret(key);
                var flags = GetArgFlagsLocked("-" + keyInfo.Name);

                // Unknown options, and options with a section prefix ("-regtest.port"), are refused on the command line.
                if (flags is null || keyInfo.Section.Length > 0)
                {
                    error = $"Invalid parameter {argument}";
                    return false;
                }

                var setting = keyInfo.InterpretValue(value, flags.Value, out error);
                if (setting is null)
                    return false;
                _settings.CommandLineValues(keyInfo.Name).Add(setting.Value);
            }

            // -includeconf belongs in the config file; only -noincludeconf is allowed here.
            if (_settings.CommandLineOptions.TryGetValue("includeconf", out var includes))
            {
                var span = new SettingsSpan(includes);
                if (!span.IsEmpty)
                {
                    error = "-includeconf cannot be used from commandline; -includeconf=" + span.First.Write();
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The command and its arguments, or null if the command line had none. With registered commands
    /// (<see cref="AddCommand"/>) <see cref="ArgsCommand.Command"/> is the command; otherwise it is "" and every
    /// non-option argument is in <see cref="ArgsCommand.Args"/> (bitcoin-cli's method and parameters).
    /// </summary>
    public ArgsCommand? GetCommand()
    {
        lock (_lock)
        {
            if (_command.Count == 0)
                return null;
            if (_acceptAnyCommand)
                return new ArgsCommand(string.Empty, _command.ToArray());
            return new ArgsCommand(_command[0], _command.Skip(1).ToArray());
        }
    }

    /// <summary>
    /// True if every command-specific option that is set is valid for <paramref name="command"/>; otherwise false, with
    /// "The -x option cannot be used with the 'cmd' command." per offending option added to <paramref name="errors"/>.
    /// </summary>
    public bool CheckCommandOptions(string command, List<string>? errors = null)
    {
        lock (_lock)
        {
            if (!_availableArgs.TryGetValue(OptionsCategory.CommandOptions, out var commandOptions))
                return true;
            _commandArgs.TryGetValue(command, out var validOptions);
            var ok = true;
            foreach (var option in commandOptions.Keys)
            {
                if (!GetSettingLocked(option).IsNull && (validOptions is null || !validOptions.Contains(option)))
                {
                    ok = false;
                    errors?.Add($"The {option} option cannot be used with the '{command}' command.");
                }
            }

            return ok;
        }
    }

    /// <summary>
    /// Throws <see cref="ArgsException"/> ("Only one of -getinfo, -netinfo may be specified.") if more than one
    /// <see cref="OptionsCategory.CliCommands"/> option is set (bitcoin-cli).
    /// </summary>
    public void CheckMultipleCliArgs()
    {
        lock (_lock)
        {
            if (!_availableArgs.TryGetValue(OptionsCategory.CliCommands, out var commands))
                return;
            var found = commands.Keys.Where(c => !GetSettingLocked(c).IsNull).ToList();
            if (found.Count > 1)
                throw new ArgsException($"Only one of {string.Join(", ", found)} may be specified.");
        }
    }
}
