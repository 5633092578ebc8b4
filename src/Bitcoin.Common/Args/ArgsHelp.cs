using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args;

/// <summary>Help options and help text layout shared by every executable (Core's SetupHelpOptions, HelpMessageOpt, ...).</summary>
public static class ArgsHelp
{
    private const int ScreenWidth = 79;
    private const int OptionIndent = 2;
    private const int MessageIndent = 7;

    /// <summary>The test-only options <c>-test=</c> accepts, with their descriptions, as listed in help.</summary>
    public static IReadOnlyList<string> TestOptionsDoc { get; } =
    [
        "addrman (use deterministic addrman)",
        "reindex_after_failure_noninteractive_yes (When asked for a reindex after failure interactively, simulate as-if answered with 'yes')",
        "bip94 (enforce BIP94 consensus rules)",
    ];

    /// <summary>Registers <c>-help</c> and its hidden aliases <c>-h</c> and <c>-?</c>.</summary>
    public static void SetupHelpOptions(ArgsManager args)
    {
        args.AddArg("-help", "Print this help message and exit (also -h or -?)", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddHiddenArgs(["-h", "-?"]);
    }

    /// <summary>True if <c>-?</c>, <c>-h</c>, <c>-help</c> or <c>-help-debug</c> was given.</summary>
    public static bool HelpRequested(ArgsManager args) =>
        args.IsArgSet("-?") || args.IsArgSet("-h") || args.IsArgSet("-help") || args.IsArgSet("-help-debug");

    /// <summary>True if <c>-test=&lt;option&gt;</c> names this test-only option.</summary>
    public static bool HasTestOption(ArgsManager args, string testOption) =>
        args.GetArgs("-test").Contains(testOption, StringComparer.Ordinal);

    /// <summary>A help heading: the text and a blank line.</summary>
    public static string HelpMessageGroup(string message) => message + "\n\n";

    /// <summary>
    /// One option in help: "  -name=&lt;param&gt;\n" and its description wrapped to 79 columns, indented by 7, then a
    /// blank line. A sub-option (listed under a command) is indented 5 more.
    /// </summary>
    public static string HelpMessageOpt(string option, string helpParam, string message, bool subOption = false)
    {
        var optionIndent = OptionIndent;
        var messageIndent = MessageIndent;
        if (subOption)
        {
            var bump = messageIndent - optionIndent;
            optionIndent += bump;
            messageIndent += bump;
        }

        var messageWidth = ScreenWidth - messageIndent;
        return new string(' ', optionIndent) + option + helpParam + "\n" +
               new string(' ', messageIndent) + TextFormatting.FormatParagraph(message, messageWidth, messageIndent) + "\n\n";
    }
}
