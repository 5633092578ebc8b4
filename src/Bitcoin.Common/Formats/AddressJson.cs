using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>Core's validateaddress result and DescribeAddress fields.</summary>
public static class AddressJson
{
    /// <summary>
    /// Core's validateaddress result: {"isvalid": true, "address", "scriptPubKey", isscript/iswitness/witness_version/
    /// witness_program as applicable} or {"isvalid": false, "error_locations": [...], "error": "..."}.
    /// </summary>
    public static JsonObject ValidateAddress(string address, Network network)
    {
        var decoded = AddressEncoding.DecodeDestination(address, network);
        var ret = new JsonObject { ["isvalid"] = decoded.IsValid };
        if (decoded.IsValid)
        {
            ret["address"] = AddressEncoding.EncodeDestination(decoded.Destination, network);
            ret["scriptPubKey"] = Convert.ToHexString(decoded.Destination.ScriptBytes).ToLowerInvariant();
            foreach (var (key, value) in DescribeAddress(decoded.Destination)) ret[key] = value?.DeepClone();
        }
        else
        {
            var locations = new JsonArray();
            foreach (int i in decoded.ErrorLocations) locations.Add(i);
            ret["error_locations"] = locations;
            ret["error"] = decoded.Error;
        }
        return ret;
    }

    /// <summary>Core's DescribeAddress: isscript / iswitness / witness_version / witness_program for a destination.</summary>
    public static JsonObject DescribeAddress(TxDestination destination) => destination switch
    {
        PubKeyHashDestination => new JsonObject { ["isscript"] = false, ["iswitness"] = false },
        ScriptHashDestination => new JsonObject { ["isscript"] = true, ["iswitness"] = false },
        WitnessV0KeyHashDestination k => Witness(false, 0, k.Hash.ToBytes()),
        WitnessV0ScriptHashDestination s => Witness(true, 0, s.Hash),
        WitnessV1TaprootDestination t => Witness(true, 1, t.OutputKey),
        PayToAnchorDestination => new JsonObject { ["isscript"] = true, ["iswitness"] = true },
        WitnessUnknownDestination u => new JsonObject
        {
            ["iswitness"] = true,
            ["witness_version"] = u.Version,
            ["witness_program"] = Convert.ToHexString(u.Program).ToLowerInvariant(),
        },
        _ => new JsonObject(),
    };

    private static JsonObject Witness(bool isScript, int version, ReadOnlySpan<byte> program) => new()
    {
        ["isscript"] = isScript,
        ["iswitness"] = true,
        ["witness_version"] = version,
        ["witness_program"] = Convert.ToHexString(program).ToLowerInvariant(),
    };
}
