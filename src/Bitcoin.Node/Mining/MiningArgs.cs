using Bitcoin.Common.Args;
using Bitcoin.Node.Mining.Internal;

namespace Bitcoin.Node.Mining;

/// <summary>Reads the block-creation options of the command line and bitcoin.conf (Core's ReadMiningArgs).</summary>
public static class MiningArgs
{
    /// <summary>
    /// The node's block-creation settings from <c>-blockmintxfee</c>, <c>-printpriority</c>,
    /// <c>-blockreservedweight</c>, <c>-blockmaxweight</c> and <c>-blockversion</c>. Returns null with Core's message in
    /// <paramref name="error"/> for an unparsable fee ("Invalid amount for -blockmintxfee=&lt;amount&gt;: '...'") or
    /// weights outside consensus limits (see <see cref="BlockCreateOptions.Check"/>). Call it while checking
    /// parameters at start-up so that a bad value stops the node with "Error: ...".
    /// </summary>
    public static BlockCreateOptions? Read(ArgsManager args, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        error = "";
        long? minFee = null;
        if (args.GetArg("-blockmintxfee") is { } feeText)
        {
            minFee = MoneyParser.Parse(feeText);
            if (minFee is null)
            {
                error = $"Invalid amount for -blockmintxfee=<amount>: '{feeText}'";
                return null;
            }
        }

        long? version = args.GetIntArg("-blockversion");
        var options = new BlockCreateOptions
        {
            BlockMinFeeRatePerKvB = minFee,
            PrintModifiedFee = args.GetBoolArg("-printpriority"),
            BlockReservedWeight = args.GetArg<ulong>("-blockreservedweight"),
            BlockMaxWeight = args.GetArg<ulong>("-blockmaxweight"),
            // Core reads -blockversion as a 64-bit integer and stores it in the 32-bit header field.
            BlockVersionOverride = version is { } v ? unchecked((int)v) : null,
        };
        if (options.Check(useArgNames: true) is { } checkError)
        {
            error = checkError;
            return null;
        }
        return options;
    }
}
