using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>Core's outputtype.cpp: names of output types and the destination of a script for a type.</summary>
public static class OutputTypes
{
    /// <summary>The output types a user can choose, in Core's order.</summary>
    public static IReadOnlyList<OutputType> All { get; } = [OutputType.Legacy, OutputType.P2shSegwit, OutputType.Bech32, OutputType.Bech32m];

    /// <summary>Core's ParseOutputType: "legacy", "p2sh-segwit", "bech32", "bech32m"; null otherwise.</summary>
    public static OutputType? Parse(string text) => text switch
    {
        "legacy" => OutputType.Legacy,
        "p2sh-segwit" => OutputType.P2shSegwit,
        "bech32" => OutputType.Bech32,
        "bech32m" => OutputType.Bech32m,
        _ => null,
    };

    /// <summary>Core's FormatOutputType.</summary>
    public static string Format(OutputType type) => type switch
    {
        OutputType.Legacy => "legacy",
        OutputType.P2shSegwit => "p2sh-segwit",
        OutputType.Bech32 => "bech32",
        OutputType.Bech32m => "bech32m",
        OutputType.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Core's FormatAllOutputTypes: "\"legacy\", \"p2sh-segwit\", \"bech32\", \"bech32m\"".</summary>
    public static string FormatAll() => string.Join(", ", All.Select(t => "\"" + Format(t) + "\""));

    /// <summary>Core's OutputTypeFromDestination (null for destinations without a type, including anchors).</summary>
    public static OutputType? FromDestination(TxDestination destination) => destination switch
    {
        PubKeyHashDestination or ScriptHashDestination => OutputType.Legacy,
        WitnessV0KeyHashDestination or WitnessV0ScriptHashDestination => OutputType.Bech32,
        WitnessV1TaprootDestination or WitnessUnknownDestination => OutputType.Bech32m,
        _ => null,
    };

    /// <summary>
    /// Core's AddAndGetDestinationForScript: records the script (and for segwit its P2WSH program) in
    /// <paramref name="keystore"/> and returns the P2SH, P2SH-P2WSH or P2WSH destination. Only legacy,
    /// p2sh-segwit and bech32 are allowed.
    /// </summary>
    public static TxDestination AddAndGetDestinationForScript(FlatSigningProvider keystore, Script script, OutputType type)
    {
        keystore.Scripts.TryAdd(script.Hash, script);
        switch (type)
        {
            case OutputType.Legacy:
                return ScriptHashDestination.ForScript(script);
            case OutputType.P2shSegwit:
            case OutputType.Bech32:
                var witdest = WitnessV0ScriptHashDestination.ForScript(script);
                var witprog = witdest.ToScript();
                keystore.Scripts.TryAdd(witprog.Hash, witprog);
                return type == OutputType.Bech32 ? witdest : ScriptHashDestination.ForScript(witprog);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), "Only legacy, p2sh-segwit and bech32 destinations can be made for a script.");
        }
    }
}
