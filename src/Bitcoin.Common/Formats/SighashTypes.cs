using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using System.Text.Json.Nodes;

namespace Bitcoin.Common.Formats;

/// <summary>Sighash type names as Core's SighashFromStr / SighashToStr / ParseSighashString.</summary>
public static class SighashTypes
{
    /// <summary>SIGHASH_DEFAULT (taproot; ECDSA signs it as ALL).</summary>
    public const int Default = 0;

    private static readonly Dictionary<string, int> s_byName = new(StringComparer.Ordinal)
    {
        ["DEFAULT"] = 0x00,
        ["ALL"] = 0x01,
        ["ALL|ANYONECANPAY"] = 0x81,
        ["NONE"] = 0x02,
        ["NONE|ANYONECANPAY"] = 0x82,
        ["SINGLE"] = 0x03,
        ["SINGLE|ANYONECANPAY"] = 0x83,
    };

    /// <summary>Core's SighashFromStr: the value for "ALL", "NONE|ANYONECANPAY", "DEFAULT", ...; false otherwise.</summary>
    public static bool TryParse(string name, out int sighash) => s_byName.TryGetValue(name, out sighash);

    /// <summary>
    /// Core's ParseSighashString for an RPC argument: null for a missing (JSON null) argument, the value for a valid
    /// name, otherwise <see cref="RpcException"/> -8 "'X' is not a valid sighash parameter.". A non-string value is a
    /// <see cref="JsonTypeException"/>, as in Core.
    /// </summary>
    public static int? ParseArgument(JsonNode? sighash)
    {
        if (sighash.IsNull()) return null;
        string name = sighash.GetStr();
        if (!TryParse(name, out int value))
            throw new RpcException(RpcErrorCode.InvalidParameter, $"'{name}' is not a valid sighash parameter.");
        return value;
    }

    /// <summary>Core's SighashToStr: the name of a defined ECDSA sighash byte ("ALL", "SINGLE|ANYONECANPAY"), or "".</summary>
    public static string ToName(byte sighash) => sighash switch
    {
        0x01 => "ALL",
        0x81 => "ALL|ANYONECANPAY",
        0x02 => "NONE",
        0x82 => "NONE|ANYONECANPAY",
        0x03 => "SINGLE",
        0x83 => "SINGLE|ANYONECANPAY",
        _ => "",
    };
}
