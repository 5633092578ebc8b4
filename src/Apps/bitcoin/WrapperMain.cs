using Bitcoin.Common.Args;
using Bitcoin.Common.Util;

namespace Apps.bitcoin;

/// <summary>The wrapper's <c>main</c> (Core's bitcoin.cpp): help, version, and the command to run.</summary>
internal static class WrapperMain
{
    private const string Usage =
        "Usage: {0} [OPTIONS] COMMAND...\n" +
        "\n" +
        "Options:\n" +
        "  -m, --multiprocess     Use the multiprocess executables bitcoin-node and bitcoin-gui.\n" +
        "  -M, --monolithic       Use the single-process executables bitcoind and bitcoin-qt (the default).\n" +
        "  -v, --version          Print the version and exit.\n" +
        "  -h, --help             Print this help, with the rarely used commands too.\n" +
        "\n" +
        "Commands:\n" +
        "  gui [ARGS]     Run the graphical interface: bitcoin-qt [ARGS], or bitcoin-gui [ARGS] with -m.\n" +
        "  node [ARGS]    Run the node: bitcoind [ARGS], or bitcoin-node [ARGS] with -m or any -ipc* option.\n" +
        "  rpc [ARGS]     Send an RPC command: bitcoin-cli -named [ARGS].\n" +
        "  wallet [ARGS]  Run a wallet tool command: bitcoin-wallet [ARGS].\n" +
        "  tx [ARGS]      Edit a hex-encoded transaction: bitcoin-tx [ARGS].\n" +
        "  help           Print this help, with the rarely used commands too.\n";

    private const string FullHelp =
        "\n" +
        "Rarely used commands:\n" +
        "  bench [ARGS]      Run benchmarks: bench_bitcoin [ARGS].\n" +
        "  chainstate [ARGS] Run the kernel's chainstate tool: bitcoin-chainstate [ARGS].\n" +
        "  test [ARGS]       Run unit tests: test_bitcoin [ARGS].\n" +
        "  test-gui [ARGS]   Run the GUI's unit tests: test_bitcoin-qt [ARGS].\n";

    private const string ShortHelp =
        "\n" +
        "'{0} help' lists the rarely used commands too (testing and debugging).\n";

    /// <summary>Runs the wrapper; returns only when it did not hand the process over to another executable.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ProcessEnvironment.ApplyPrivateUmask();
        var argv0 = ExecutableLauncher.InvokedAs();
        try
        {
            var cmd = WrapperCommandLine.Parse(args);
            if (cmd.ShowVersion)
            {
                stdout.Write($"{ClientVersion.ClientName} version {ClientVersion.FullVersion}\n{ClientVersion.LicenseInfo}");
                return 0;
            }

            var exeName = Path.GetFileName(argv0);
            if (cmd.ShowHelp || cmd.Command.Length == 0)
            {
                stdout.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, Usage, exeName));
                if (cmd.ShowHelp)
                {
                    stdout.Write(FullHelp);
                    return 0;
                }
                stdout.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, ShortHelp, exeName));
                return 1;
            }

            var command = new List<string>();
            switch (cmd.Command)
            {
                case "gui":
                    command.Add(UseMultiprocess(cmd, stderr) ? "bitcoin-gui" : "bitcoin-qt");
                    break;
                case "node":
                    command.Add(UseMultiprocess(cmd, stderr) ? "bitcoin-node" : "bitcoind");
                    break;
                case "rpc":
                    // A new interface with no old callers to keep working: named arguments by default, since they mix
                    // freely with positional ones (-nonamed turns it off).
                    command.Add("bitcoin-cli");
                    command.Add("-named");
                    break;
                case "wallet": command.Add("bitcoin-wallet"); break;
                case "tx": command.Add("bitcoin-tx"); break;
                case "bench": command.Add("bench_bitcoin"); break;
                case "chainstate": command.Add("bitcoin-chainstate"); break;
                case "test": command.Add("test_bitcoin"); break;
                case "test-gui": command.Add("test_bitcoin-qt"); break;
                case "util": command.Add("bitcoin-util"); break;
                default:
                    throw new WrapperException($"Unrecognized command: '{cmd.Command}'");
            }
            command.AddRange(cmd.Arguments);
            stdout.Flush();
            stderr.Flush();
            return ExecutableLauncher.Exec(command, argv0);
        }
        catch (Exception e) when (e is WrapperException or ArgsException or IOException)
        {
            stderr.Write($"Error: {e.Message}\nTry '{argv0} --help' for more information.\n");
            return 1;
        }
    }

    /// <summary>
    /// -m or -M decide; otherwise the command's own options and config file do: any -ipcbind, -ipcconnect or -ipcfd
    /// needs an executable that speaks IPC (Core's <c>UseMultiprocess</c>).
    /// </summary>
    private static bool UseMultiprocess(WrapperCommandLine cmd, TextWriter stderr)
    {
        if (cmd.UseMultiprocess is { } explicitChoice)
            return explicitChoice;

        var args = new ArgsManager();
        args.SetDefaultFlags(ArgFlags.AllowAny);
        if (!args.ParseParameters(cmd.Arguments, out var error))
            stderr.Write($"Warning: failed to parse subcommand command line options: {error}\n");
        if (!args.ReadConfigFiles(out error, ignoreInvalidKeys: true))
            stderr.Write($"Warning: failed to parse subcommand config: {error}\n");
        args.SelectConfigNetwork(args.GetChainTypeString());
        return args.IsArgSet("-ipcbind") || args.IsArgSet("-ipcconnect") || args.IsArgSet("-ipcfd");
    }
}
