namespace Apps.bitcoin;

/// <summary>The wrapper's own options and the command with its arguments (Core's <c>ParseCommandLine</c>).</summary>
internal sealed class WrapperCommandLine
{
    /// <summary>-m (true) or -M (false); null when neither was given.</summary>
    public bool? UseMultiprocess { get; private set; }

    public bool ShowVersion { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>The command ("node", "rpc", ...); empty when none was given.</summary>
    public string Command { get; private set; } = "";

    /// <summary>Everything after the command, passed on untouched.</summary>
    public List<string> Arguments { get; } = [];

    /// <summary>
    /// Parses the wrapper's arguments: options before the command, then the command, then its arguments (which may
    /// look like wrapper options: they are the command's). Throws <see cref="WrapperException"/> for an unknown option.
    /// </summary>
    public static WrapperCommandLine Parse(IReadOnlyList<string> args)
    {
        var cmd = new WrapperCommandLine();
        foreach (var arg in args)
        {
            if (cmd.Command.Length > 0)
                cmd.Arguments.Add(arg);
            else if (arg is "-m" or "--multiprocess")
                cmd.UseMultiprocess = true;
            else if (arg is "-M" or "--monolithic")
                cmd.UseMultiprocess = false;
            else if (arg is "-v" or "--version")
                cmd.ShowVersion = true;
            else if (arg is "-h" or "--help" or "help")
                cmd.ShowHelp = true;
            else if (arg.StartsWith('-'))
                throw new WrapperException($"Unknown option: {arg}");
            else if (arg.Length > 0)
                cmd.Command = arg;
        }
        return cmd;
    }
}
