using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Node.Rpc.Internal;

/// <summary>The output scripts a scan object names (Core's EvalDescriptorStringOrObject).</summary>
internal static class DescriptorScripts
{
    /// <summary>
    /// A descriptor string, or an object {"desc", "range"} (a ranged descriptor covers 0..1000 unless "range" says
    /// otherwise), expanded to its scripts with what it needs recorded in <paramref name="provider"/>. Core's errors:
    /// -8 "Descriptor needs to be provided in scan object", -8 "Scan object needs to be either a string or an object",
    /// -5 for parse errors and "Cannot derive script without private keys: '...'".
    /// </summary>
    public static List<Script> Evaluate(JsonNode? scanObject, FlatSigningProvider provider, Network network)
    {
        string text;
        (long Begin, long End) range = (0, 1000);
        if (scanObject.IsStr())
        {
            text = scanObject.GetStr();
        }
        else if (scanObject.IsObject())
        {
            var desc = scanObject.Find("desc");
            if (desc.IsNull()) throw new RpcException(RpcErrorCode.InvalidParameter, "Descriptor needs to be provided in scan object");
            text = desc.GetStr();
            var rangeValue = scanObject.Find("range");
            if (!rangeValue.IsNull()) range = DescriptorJson.ParseDescriptorRange(rangeValue);
        }
        else
        {
            throw new RpcException(RpcErrorCode.InvalidParameter, "Scan object needs to be either a string or an object");
        }

        if (!Descriptor.TryParse(text, network, provider, out var descriptors, out string error))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, error);
        if (!descriptors[0].IsRange) range = (0, 0);
        var scripts = new List<Script>();
        for (long i = range.Begin; i <= range.End; i++)
        {
            foreach (var descriptor in descriptors)
            {
                if (!descriptor.Expand((int)i, provider, out var expanded, provider))
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Cannot derive script without private keys: '{text}'");
                scripts.AddRange(expanded);
            }
        }
        return scripts;
    }
}
