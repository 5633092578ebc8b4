using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Node.Psbt.Internal;

/// <summary>Core's EvalDescriptorStringOrObject, with the private-key expansion descriptorprocesspsbt needs.</summary>
internal static class DescriptorArguments
{
    /// <summary>
    /// Adds to <paramref name="provider"/> what a descriptor string or {"desc", "range"} object gives (ranged
    /// descriptors over 0..1000 unless "range" says otherwise); with <paramref name="expandPrivate"/> the private keys
    /// too. Core's errors: -8 for a malformed object, -5 for a descriptor that does not parse or cannot be derived.
    /// </summary>
    public static void Evaluate(JsonNode? value, FlatSigningProvider provider, bool expandPrivate, Network network)
    {
        string text;
        (long Begin, long End) range = (0, 1000);
        if (value.IsStr())
        {
            text = value.GetStr();
        }
        else if (value.IsObject())
        {
            var desc = value.Find("desc");
            if (desc.IsNull()) throw new RpcException(RpcErrorCode.InvalidParameter, "Descriptor needs to be provided in scan object");
            text = desc.GetStr();
            var rangeValue = value.Find("range");
            if (!rangeValue.IsNull()) range = DescriptorJson.ParseDescriptorRange(rangeValue);
        }
        else
        {
            throw new RpcException(RpcErrorCode.InvalidParameter, "Scan object needs to be either a string or an object");
        }

        if (!Descriptor.TryParse(text, network, provider, out var descriptors, out string error))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, error);
        if (!descriptors[0].IsRange) range = (0, 0);
        for (long i = range.Begin; i <= range.End; i++)
        {
            foreach (var descriptor in descriptors)
            {
                if (!descriptor.Expand((int)i, provider, out _, provider))
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Cannot derive script without private keys: '{text}'");
                if (expandPrivate) descriptor.ExpandPrivate((int)i, provider, provider);
            }
        }
    }
}
