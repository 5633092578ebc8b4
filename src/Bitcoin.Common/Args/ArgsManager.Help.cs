using System.Text;

namespace Bitcoin.Common.Args;

public sealed partial class ArgsManager
{
    /// <summary>
    /// The options part of <c>-help</c>, laid out as Core's: a heading per category in Core's order, each option
    /// indented by 2 with its parameter, its description wrapped at 79 columns and indented by 7, a blank line after
    /// each. Debug-only options (and the wallet debugging heading) appear only with <c>-help-debug</c>; command options
    /// are listed under their command.
    /// </summary>
    public string GetHelpMessage()
    {
        var showDebug = GetBoolArg("-help-debug", false);
        var usage = new StringBuilder();
        lock (_lock)
        {
            _availableArgs.TryGetValue(OptionsCategory.CommandOptions, out var commandOptions);
            foreach (var (category, args) in _availableArgs)
            {
                if (category == OptionsCategory.Hidden)
                    break;
                if (category == OptionsCategory.CommandOptions)
                    continue;
                if (GetCategoryHeading(category, showDebug) is { } heading)
                    usage.Append(ArgsHelp.HelpMessageGroup(heading));

                foreach (var (name, arg) in args)
                {
                    if (!showDebug && (arg.Flags & ArgFlags.DebugOnly) != 0)
                        continue;
                    usage.Append(ArgsHelp.HelpMessageOpt(name, arg.HelpParam, arg.HelpText));
                    if (category != OptionsCategory.Commands || commandOptions is null ||
                        !_commandArgs.TryGetValue(name, out var selected))
                    {
                        continue;
                    }

                    foreach (var (optionName, option) in commandOptions)
                    {
                        if (!showDebug && (option.Flags & ArgFlags.DebugOnly) != 0)
                            continue;
                        if (selected.Contains(optionName))
                            usage.Append(ArgsHelp.HelpMessageOpt(optionName, option.HelpParam, option.HelpText, subOption: true));
                    }
                }
            }
        }

        return usage.ToString();
    }

    private static string? GetCategoryHeading(OptionsCategory category, bool showDebug) => category switch
    {
        OptionsCategory.Options => "Options:",
        OptionsCategory.Connection => "Connection options:",
        OptionsCategory.Zmq => "ZeroMQ notification options:",
        OptionsCategory.DebugTest => "Debugging/Testing options:",
        OptionsCategory.NodeRelay => "Node relay options:",
        OptionsCategory.BlockCreation => "Block creation options:",
        OptionsCategory.Rpc => "RPC server options:",
        OptionsCategory.Ipc => "IPC interprocess connection options:",
        OptionsCategory.Wallet => "Wallet options:",
        OptionsCategory.WalletDebugTest => showDebug ? "Wallet debugging/testing options:" : null,
        OptionsCategory.ChainParams => "Chain selection options:",
        OptionsCategory.Gui => "UI Options:",
        OptionsCategory.Commands => "Commands:",
        OptionsCategory.RegisterCommands => "Register Commands:",
        OptionsCategory.CliCommands => "CLI Commands:",
        _ => null,
    };
}
