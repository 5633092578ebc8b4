using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>Core's createmultisig and AddAndGetMultisigDestination.</summary>
public static class MultisigCreation
{
    /// <summary>
    /// Core's AddAndGetMultisigDestination: the k-of-n redeem script (keys in the given order) and its destination for
    /// <paramref name="type"/> (legacy if any key is uncompressed), with the scripts recorded in
    /// <paramref name="keystore"/>. Errors are Core's -8 messages.
    /// </summary>
    public static TxDestination AddAndGetMultisigDestination(int required, IReadOnlyList<PubKey> pubkeys, OutputType type,
        FlatSigningProvider keystore, out Script redeemScript)
    {
        if (required < 1)
            throw new RpcException(RpcErrorCode.InvalidParameter, "a multisignature address must require at least one key to redeem");
        if (pubkeys.Count < required)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"not enough keys supplied (got {pubkeys.Count} keys, but need at least {required} to redeem)");
        if (pubkeys.Count > ScriptOpcodes.MAX_PUBKEYS_PER_MULTISIG)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"Number of keys involved in the multisignature address creation > {ScriptOpcodes.MAX_PUBKEYS_PER_MULTISIG}\nReduce the number");
        redeemScript = ScriptSolver.GetScriptForMultisig(required, pubkeys);
        // Uncompressed keys cannot be used in segwit.
        if (pubkeys.Any(k => !k.IsCompressed)) type = OutputType.Legacy;
        if (type == OutputType.Legacy && redeemScript.Length > ScriptOpcodes.MAX_SCRIPT_ELEMENT_SIZE)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"redeemScript exceeds size limit: {redeemScript.Length} > {ScriptOpcodes.MAX_SCRIPT_ELEMENT_SIZE}");
        return OutputTypes.AddAndGetDestinationForScript(keystore, redeemScript, type);
    }

    /// <summary>
    /// Core's createmultisig result: {"address", "redeemScript", "descriptor", "warnings" (only when the chosen type
    /// could not be made)}. <paramref name="keys"/> are hex public keys (each checked as Core's HexToPubKey);
    /// <paramref name="addressType"/> defaults to "legacy"; unknown types and bech32m are -5 errors.
    /// </summary>
    public static JsonObject CreateMultisig(int required, IReadOnlyList<string> keys, string? addressType, Network network)
    {
        var pubkeys = keys.Select(RpcValues.HexToPubKey).ToList();
        string typeName = addressType ?? "legacy";
        var outputType = OutputTypes.Parse(typeName)
            ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Unknown address type '{typeName}'");
        if (outputType == OutputType.Bech32m)
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "createmultisig cannot create bech32m multisig addresses");
        var keystore = new FlatSigningProvider();
        var dest = AddAndGetMultisigDestination(required, pubkeys, outputType, keystore, out var inner);
        var descriptor = Descriptor.Infer(dest.ToScript(), keystore, network);
        var result = new JsonObject
        {
            ["address"] = AddressEncoding.EncodeDestination(dest, network),
            ["redeemScript"] = ScriptJson.Hex(inner),
            ["descriptor"] = descriptor.ToString(),
        };
        if (descriptor.GetOutputType() != outputType)
            result["warnings"] = new JsonArray("Unable to make chosen address type, please ensure no uncompressed public keys are present.");
        return result;
    }
}
