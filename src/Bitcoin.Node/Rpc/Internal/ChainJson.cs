using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Node.Rpc.Internal;

/// <summary>Block index fields as Core's RPCs print them (blockheaderToJSON and the small formatters around it).</summary>
internal static class ChainJson
{
    /// <summary>A compact target as eight lowercase hex digits (Core's <c>strprintf("%08x", nBits)</c>).</summary>
    public static string Bits(uint bits) => bits.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The full target a compact value stands for, as 64 hex digits (Core's GetTarget).</summary>
    public static string Target(uint bits, ArithUInt256 powLimit) =>
        (Pow.DeriveTarget(bits, powLimit) ?? throw new InvalidOperationException($"Invalid compact target {Bits(bits)}")).ToString();

    /// <summary>The difficulty of a compact target as a JSON number.</summary>
    public static JsonNode Difficulty(uint bits) => JsonNumbers.Double(Pow.GetDifficulty(bits));

    /// <summary>
    /// The block after <paramref name="index"/> on the chain ending at <paramref name="tip"/>, and the confirmation count:
    /// the depth below the tip, or -1 when the block is not on that chain (Core's ComputeNextBlockAndDepth).
    /// </summary>
    public static int NextBlockAndDepth(BlockIndex tip, BlockIndex index, out BlockIndex? next)
    {
        next = tip.GetAncestor(index.Height + 1);
        if (next is not null && next.Previous == index) return tip.Height - index.Height + 1;
        next = null;
        return index == tip ? 1 : -1;
    }

    /// <summary>The header object of getblockheader, which getblock extends. Call under the chainstate lock.</summary>
    public static JsonObject Header(BlockIndex tip, BlockIndex index, ArithUInt256 powLimit)
    {
        int confirmations = NextBlockAndDepth(tip, index, out var next);
        var result = new JsonObject
        {
            ["hash"] = index.Hash.ToString(),
            ["confirmations"] = confirmations,
            ["height"] = index.Height,
            ["version"] = index.Version,
            ["versionHex"] = index.Version.ToString("x8", CultureInfo.InvariantCulture),
            ["merkleroot"] = index.MerkleRoot.ToString(),
            ["time"] = index.Time,
            ["mediantime"] = index.GetMedianTimePast(),
            ["nonce"] = index.Nonce,
            ["bits"] = Bits(index.Bits),
            ["target"] = Target(index.Bits, powLimit),
            ["difficulty"] = Difficulty(index.Bits),
            ["chainwork"] = index.ChainWork.ToString(),
            ["nTx"] = index.TxCount,
        };
        if (index.Previous is not null) result["previousblockhash"] = index.Previous.Hash.ToString();
        if (next is not null) result["nextblockhash"] = next.Hash.ToString();
        return result;
    }

    /// <summary>The coinbase summary of getblock (Core's coinbaseTxToJSON).</summary>
    public static JsonObject CoinbaseSummary(Transaction coinbase)
    {
        var input = coinbase.Inputs[0];
        var result = new JsonObject
        {
            ["version"] = coinbase.Version,
            ["locktime"] = coinbase.LockTime.Value,
            ["sequence"] = input.Sequence.Value,
            ["coinbase"] = Convert.ToHexStringLower(input.ScriptSig.ToBytes(true)),
        };
        var stack = input.WitScript.Pushes.ToArray();
        if (stack.Length > 0) result["witness"] = Convert.ToHexStringLower(stack[0]);
        return result;
    }

    /// <summary>The "warnings" field: an array of messages, or with -deprecatedrpc=warnings the last one as a string.</summary>
    public static JsonNode Warnings(NodeRpcContext context)
    {
        var messages = context.Node.Warnings.GetMessages();
        if (context.IsDeprecatedRpcEnabled("warnings")) return messages.Count == 0 ? "" : messages[^1];
        var array = new JsonArray();
        foreach (var message in messages) array.Add(message);
        return array;
    }

    /// <summary>The documentation of the "warnings" field, which depends on -deprecatedrpc=warnings.</summary>
    public static RpcResult WarningsDoc(NodeRpcContext context) => context.IsDeprecatedRpcEnabled("warnings")
        ? new RpcResult(RpcResultType.Str, "warnings", "network and chain warnings (deprecated)")
        : new RpcResult(RpcResultType.Arr, "warnings", "network and chain warnings (-deprecatedrpc=warnings returns the last one as a string)",
            [new RpcResult(RpcResultType.Str, "", "a warning")]);
}
