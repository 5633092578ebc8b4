using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>The results of Core's getdescriptorinfo and deriveaddresses, and descriptor range parsing.</summary>
public static class DescriptorJson
{
    /// <summary>
    /// Core's getdescriptorinfo: {"descriptor" (canonical, public, first of a multipath expansion), "multipath_expansion"
    /// (only for multipath), "checksum" (of the input), "isrange", "issolvable", "hasprivatekeys"}. A descriptor that does
    /// not parse is -5 with Core's parse error.
    /// </summary>
    public static JsonObject GetDescriptorInfo(string descriptor, Network network)
    {
        var provider = new FlatSigningProvider();
        if (!Descriptor.TryParse(descriptor, network, provider, out var descs, out string error))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, error);
        var result = new JsonObject { ["descriptor"] = descs[0].ToString() };
        if (descs.Count > 1)
        {
            var all = new JsonArray();
            foreach (var d in descs) all.Add(d.ToString());
            result["multipath_expansion"] = all;
        }
        result["checksum"] = DescriptorChecksum.Get(descriptor);
        result["isrange"] = descs[0].IsRange;
        result["issolvable"] = descs[0].IsSolvable;
        result["hasprivatekeys"] = provider.Keys.Count > 0;
        return result;
    }

    /// <summary>
    /// Core's deriveaddresses: the addresses of a descriptor (checksum required) over a range; for a multipath descriptor
    /// an array of such arrays. Errors as Core: -5 for parse errors, "Cannot derive script without private keys",
    /// "Descriptor does not have a corresponding address"; -8 for a range on an unranged descriptor or none on a ranged one.
    /// </summary>
    public static JsonArray DeriveAddresses(string descriptor, JsonNode? range, Network network)
    {
        long begin = 0, end = 0;
        if (!range.IsNull()) (begin, end) = ParseDescriptorRange(range);
        var keys = new FlatSigningProvider();
        if (!Descriptor.TryParse(descriptor, network, keys, out var descs, out string error, requireChecksum: true))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, error);
        var desc = descs[0];
        if (!desc.IsRange && !range.IsNull())
            throw new RpcException(RpcErrorCode.InvalidParameter, "Range should not be specified for an un-ranged descriptor");
        if (desc.IsRange && range.IsNull())
            throw new RpcException(RpcErrorCode.InvalidParameter, "Range must be specified for a ranged descriptor");
        var addresses = Derive(desc, begin, end, keys, network);
        if (descs.Count == 1) return addresses;
        var ret = new JsonArray { addresses };
        for (int i = 1; i < descs.Count; i++) ret.Add(Derive(descs[i], begin, end, keys, network));
        return ret;
    }

    /// <summary>
    /// Core's ParseDescriptorRange: an end (from 0) or [begin, end]; -8 errors "Range should be greater or equal than 0",
    /// "End of range is too high", "Range is too large", "Range specified as [begin,end] must not have begin after end",
    /// "Range must be specified as end or as [begin,end]".
    /// </summary>
    public static (long Begin, long End) ParseDescriptorRange(JsonNode? value)
    {
        long low, high;
        if (value.IsNum())
        {
            low = 0;
            high = value.GetInt64();
        }
        else if (value.IsArray() && value.Size() == 2 && value.At(0).IsNum() && value.At(1).IsNum())
        {
            low = value.At(0).GetInt64();
            high = value.At(1).GetInt64();
            if (low > high) throw new RpcException(RpcErrorCode.InvalidParameter, "Range specified as [begin,end] must not have begin after end");
        }
        else
        {
            throw new RpcException(RpcErrorCode.InvalidParameter, "Range must be specified as end or as [begin,end]");
        }
        if (low < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Range should be greater or equal than 0");
        if ((high >> 31) != 0) throw new RpcException(RpcErrorCode.InvalidParameter, "End of range is too high");
        if (high >= low + 1000000) throw new RpcException(RpcErrorCode.InvalidParameter, "Range is too large");
        return (low, high);
    }

    private static JsonArray Derive(Descriptor desc, long begin, long end, SigningProvider keys, Network network)
    {
        var addresses = new JsonArray();
        for (long i = begin; i <= end; i++)
        {
            if (!desc.Expand((int)i, keys, out var scripts, new FlatSigningProvider()))
                throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Cannot derive script without private keys");
            foreach (var script in scripts)
            {
                if (!ScriptSolver.TryExtractDestination(script, out var dest))
                {
                    // combo() includes P2PK, which has no address: skip it.
                    if (scripts.Count > 1 && dest is PubKeyDestination) continue;
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Descriptor does not have a corresponding address");
                }
                addresses.Add(AddressEncoding.EncodeDestination(dest, network));
            }
        }
        if (addresses.Count == 0) throw new RpcException(RpcErrorCode.MiscError, "Unexpected empty result");
        return addresses;
    }
}
