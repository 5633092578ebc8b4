using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Consensus.Internal;
using NBitcoin;

namespace Bitcoin.Kernel.Policy.Internal;

/// <summary>Script facts the policy rules need, read from raw bytes as Core's CScript methods do.</summary>
internal static class PolicyScripts
{
    private const int MaxScriptElementSize = 520;
    private const int MaxScriptSize = 10_000;
    private const byte AnnexTag = 0x50;

    /// <summary>Core's IsWitnessProgram: a version opcode followed by one push of 2 to 40 bytes, 4 to 42 bytes in all.</summary>
    public static bool IsWitnessProgram(ReadOnlySpan<byte> script, out int version, out byte[] program)
    {
        version = -1;
        program = [];
        if (script.Length < 4 || script.Length > 42) return false;
        if (script[0] != 0 && (script[0] < (byte)OpcodeType.OP_1 || script[0] > (byte)OpcodeType.OP_16)) return false;
        if (script[1] + 2 != script.Length) return false;
        version = script[0] == 0 ? 0 : script[0] - ((byte)OpcodeType.OP_1 - 1);
        program = script[2..].ToArray();
        return true;
    }

    /// <summary>Core's IsPayToAnchor: OP_1 followed by the 2-byte push 0x4e73.</summary>
    public static bool IsPayToAnchor(ReadOnlySpan<byte> script) =>
        script.Length == 4 && script[0] == (byte)OpcodeType.OP_1 && script[1] == 0x02 && script[2] == 0x4e && script[3] == 0x73;

    /// <summary>Core's IsPayToScriptHash.</summary>
    public static bool IsPayToScriptHash(ReadOnlySpan<byte> script) =>
        script.Length == 23 && script[0] == (byte)OpcodeType.OP_HASH160 && script[1] == 0x14 && script[22] == (byte)OpcodeType.OP_EQUAL;

    /// <summary>Core's IsUnspendable: starts with OP_RETURN or is larger than the script size limit.</summary>
    public static bool IsUnspendable(ReadOnlySpan<byte> script) =>
        (script.Length > 0 && script[0] == (byte)OpcodeType.OP_RETURN) || script.Length > MaxScriptSize;

    /// <summary>Core's IsPushOnly: every operation is a push or OP_1NEGATE/OP_1..OP_16 (OP_RESERVED counts too), and parsing succeeds.</summary>
    public static bool IsPushOnly(byte[] script)
    {
        var ops = ScriptOps.Parse(script, out bool complete);
        return complete && ops.All(o => o.Code <= (byte)OpcodeType.OP_16);
    }

    /// <summary>Core's HasValidOps: every operation parses, is at most OP_NOP10 and pushes at most 520 bytes.</summary>
    public static bool HasValidOps(byte[] script)
    {
        var ops = ScriptOps.Parse(script, out bool complete);
        return complete && ops.All(o => o.Code <= (byte)OpcodeType.OP_NOP10 && (o.Data is null || o.Data.Length <= MaxScriptElementSize));
    }

    /// <summary>
    /// Runs a scriptSig of pushes only and returns the resulting stack (Core's EvalScript with no flags on a push-only
    /// script). False with Core's error for oversized scripts or pushes, truncated pushes and non-push opcodes.
    /// </summary>
    public static bool TryEvalPushes(byte[] script, out List<byte[]> stack, out ScriptVerifyError error)
    {
        stack = [];
        error = ScriptVerifyError.Ok;
        if (script.Length > MaxScriptSize)
        {
            error = ScriptVerifyError.ScriptSize;
            return false;
        }
        var ops = ScriptOps.Parse(script, out bool complete);
        foreach (var op in ops)
        {
            if (op.Data is { } data)
            {
                if (data.Length > MaxScriptElementSize)
                {
                    error = ScriptVerifyError.PushSize;
                    return false;
                }
                stack.Add(data);
            }
            else if (op.Code == (byte)OpcodeType.OP_1NEGATE)
            {
                stack.Add([0x81]);
            }
            else if (op.Code >= (byte)OpcodeType.OP_1 && op.Code <= (byte)OpcodeType.OP_16)
            {
                stack.Add([(byte)(op.Code - 0x50)]);
            }
            else
            {
                // Only reachable for scriptSigs that are not push-only, which the policy checks have rejected already.
                error = op.Code == (byte)OpcodeType.OP_RESERVED ? ScriptVerifyError.BadOpcode : ScriptVerifyError.UnknownError;
                return false;
            }
        }
        if (!complete)
        {
            error = ScriptVerifyError.BadOpcode;
            return false;
        }
        return true;
    }

    /// <summary>True when a witness stack ends with an annex (BIP341: two or more items, the last starting with 0x50).</summary>
    public static bool HasAnnex(IReadOnlyList<byte[]> stack) => stack.Count >= 2 && stack[^1].Length > 0 && stack[^1][0] == AnnexTag;

    /// <summary>The serialized size of an output: value, compact size of the script length, and the script.</summary>
    public static int SerializedSize(TxOut output)
    {
        int length = output.ScriptPubKey.Length;
        int prefix = length < 253 ? 1 : length <= 0xffff ? 3 : 5;
        return 8 + prefix + length;
    }
}
