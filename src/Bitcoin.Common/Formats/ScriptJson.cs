using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>Core's ScriptToUniv: the "scriptPubKey"-style object (asm, desc, hex, address, type).</summary>
public static class ScriptJson
{
    /// <summary>
    /// The object Core builds for a script, keys in Core's order: "asm", "desc" (with <paramref name="includeAddress"/>,
    /// inferred using <paramref name="provider"/>), "hex" (with <paramref name="includeHex"/>), "address" (with
    /// <paramref name="includeAddress"/>, when the script has one and is not P2PK), "type".
    /// </summary>
    public static JsonObject ScriptToUniv(Script script, Network network, bool includeHex = true, bool includeAddress = true,
        SigningProvider? provider = null)
    {
        var result = new JsonObject();
        AddScriptFields(result, script, network, includeHex, includeAddress, provider);
        return result;
    }

    /// <summary>Adds the <see cref="ScriptToUniv"/> fields to an existing object (as Core's ScriptToUniv does to its out parameter).</summary>
    public static void AddScriptFields(JsonObject target, Script script, Network network, bool includeHex = true, bool includeAddress = true,
        SigningProvider? provider = null)
    {
        target["asm"] = ScriptFormat.ToAsm(script);
        if (includeAddress) target["desc"] = Descriptor.Infer(script, provider ?? SigningProvider.Empty, network).ToString();
        if (includeHex) target["hex"] = Hex(script);
        var type = ScriptSolver.Solve(script, out _);
        if (includeAddress && ScriptSolver.TryExtractDestination(script, out var dest) && type != TxoutType.PubKey)
            target["address"] = AddressEncoding.EncodeDestination(dest, network);
        target["type"] = ScriptSolver.GetTxnOutputType(type);
    }

    /// <summary>
    /// The result of Core's decodescript for a script: <see cref="ScriptToUniv"/> without hex, then "p2sh" for scripts
    /// that may be wrapped in P2SH, and "segwit" (the P2WPKH or P2WSH form, with its own "p2sh-segwit") for scripts that
    /// may be wrapped in segwit.
    /// </summary>
    public static JsonObject DecodeScript(Script script, Network network)
    {
        var r = ScriptToUniv(script, network, includeHex: false, includeAddress: true);
        var bytes = script.ToBytes(true);
        var type = ScriptSolver.Solve(script, out var solutions);

        bool canWrap = type switch
        {
            TxoutType.Multisig or TxoutType.NonStandard or TxoutType.PubKey or TxoutType.PubKeyHash or
                TxoutType.WitnessV0KeyHash or TxoutType.WitnessV0ScriptHash => CanWrapOps(bytes),
            _ => false,
        };
        if (!canWrap) return r;

        r["p2sh"] = AddressEncoding.EncodeDestination(ScriptHashDestination.ForScript(script), network);
        // P2SH and witness programs cannot go inside P2WSH, and uncompressed keys are not allowed in segwit.
        bool canWrapP2wsh = type switch
        {
            TxoutType.Multisig or TxoutType.PubKey => solutions.All(s => s.Length == 1 || s.Length == 33),
            TxoutType.NonStandard or TxoutType.PubKeyHash => true,
            _ => false,
        };
        if (!canWrapP2wsh) return r;

        Script segwitScript;
        var provider = new FlatSigningProvider();
        if (type == TxoutType.PubKey)
        {
            segwitScript = new WitnessV0KeyHashDestination(new KeyId(Addresses.Internal.CoreHashes.Hash160(solutions[0]))).ToScript();
        }
        else if (type == TxoutType.PubKeyHash)
        {
            segwitScript = new WitnessV0KeyHashDestination(new KeyId(solutions[0])).ToScript();
        }
        else
        {
            // Scripts that are not a single key are wrapped as P2WSH.
            provider.Scripts[script.Hash] = script;
            segwitScript = WitnessV0ScriptHashDestination.ForScript(script).ToScript();
        }
        var sr = ScriptToUniv(segwitScript, network, includeHex: true, includeAddress: true, provider);
        sr["p2sh-segwit"] = AddressEncoding.EncodeDestination(ScriptHashDestination.ForScript(segwitScript), network);
        r["segwit"] = sr;
        return r;
    }

    // Scripts with invalid opcodes, OP_RETURN, OP_CHECKSIGADD or OP_SUCCESSx cannot be wrapped.
    private static bool CanWrapOps(byte[] script)
    {
        if (!Addresses.Internal.ScriptParsing.HasValidOps(script) || Addresses.Internal.ScriptParsing.IsUnspendable(script)) return false;
        int pc = 0;
        while (pc < script.Length)
        {
            Addresses.Internal.ScriptParsing.GetOp(script, ref pc, out byte op, out _);
            if (op == Addresses.Internal.ScriptOpcodes.OP_CHECKSIGADD || IsOpSuccess(op)) return false;
        }
        return true;
    }

    private static bool IsOpSuccess(byte op)
        => op == 80 || op == 98 || (op >= 126 && op <= 129) || (op >= 131 && op <= 134) || (op >= 137 && op <= 138) ||
           (op >= 141 && op <= 142) || (op >= 149 && op <= 153) || (op >= 187 && op <= 254);

    internal static string Hex(Script script) => Convert.ToHexString(script.ToBytes(true)).ToLowerInvariant();
}
