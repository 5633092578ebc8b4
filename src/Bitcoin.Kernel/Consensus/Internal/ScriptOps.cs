using NBitcoin;

namespace Bitcoin.Kernel.Consensus.Internal;

/// <summary>Tokenises raw script bytes as Core's GetOp does, without NBitcoin's normalisations.</summary>
internal static class ScriptOps
{
    /// <summary>One parsed operation: the opcode byte and, for pushes, the data; null data for non-pushes.</summary>
    public readonly record struct Op(byte Code, byte[]? Data, int Offset);

    /// <summary>The operations of <paramref name="script"/>; stops (Complete=false) at a truncated push.</summary>
    public static List<Op> Parse(byte[] script, out bool complete)
    {
        var ops = new List<Op>();
        int pc = 0;
        complete = true;
        while (pc < script.Length)
        {
            int start = pc;
            byte code = script[pc++];
            if (code <= (byte)OpcodeType.OP_PUSHDATA4)
            {
                long size;
                if (code < (byte)OpcodeType.OP_PUSHDATA1)
                {
                    size = code;
                }
                else
                {
                    int width = code == (byte)OpcodeType.OP_PUSHDATA1 ? 1 : code == (byte)OpcodeType.OP_PUSHDATA2 ? 2 : 4;
                    if (script.Length - pc < width)
                    {
                        complete = false;
                        return ops;
                    }
                    size = 0;
                    for (int i = 0; i < width; i++) size |= (long)script[pc + i] << (8 * i);
                    pc += width;
                }
                if (script.Length - pc < size)
                {
                    complete = false;
                    return ops;
                }
                ops.Add(new Op(code, script.AsSpan(pc, (int)size).ToArray(), start));
                pc += (int)size;
            }
            else
            {
                ops.Add(new Op(code, null, start));
            }
        }
        return ops;
    }

    /// <summary>The pushed data of a push-only script (OP_N count as pushes of their number); null when not push-only.</summary>
    public static List<byte[]>? Pushes(byte[] script)
    {
        var result = new List<byte[]>();
        var ops = Parse(script, out bool complete);
        foreach (var op in ops)
        {
            if (op.Data != null) result.Add(op.Data);
            else if (op.Code == (byte)OpcodeType.OP_1NEGATE) result.Add([0x81]);
            else if (op.Code >= (byte)OpcodeType.OP_1 && op.Code <= (byte)OpcodeType.OP_16) result.Add([(byte)(op.Code - 0x50)]);
            else if (op.Code == (byte)OpcodeType.OP_RESERVED) return null;
            else return null;
        }
        return complete ? result : null;
    }

    /// <summary>True when the script contains <paramref name="code"/> as an opcode (not inside push data).</summary>
    public static bool Contains(byte[] script, byte code) => Parse(script, out _).Any(o => o.Data == null && o.Code == code);

    /// <summary>
    /// True when IF/NOTIF/ELSE/ENDIF nest correctly in the opcode stream. They are processed even in unexecuted
    /// branches, so this is a static property of the script.
    /// </summary>
    public static bool ConditionalsBalanced(byte[] script)
    {
        int depth = 0;
        foreach (var op in Parse(script, out _))
        {
            if (op.Data != null) continue;
            switch ((OpcodeType)op.Code)
            {
                case OpcodeType.OP_IF:
                case OpcodeType.OP_NOTIF:
                    depth++;
                    break;
                case OpcodeType.OP_ELSE:
                    if (depth == 0) return false;
                    break;
                case OpcodeType.OP_ENDIF:
                    if (depth == 0) return false;
                    depth--;
                    break;
            }
        }
        return depth == 0;
    }

    /// <summary>True for the opcodes that make a tapscript succeed unconditionally (BIP342 OP_SUCCESSx).</summary>
    public static bool IsOpSuccess(byte code) =>
        code == 80 || code == 98 || (code >= 126 && code <= 129) || (code >= 131 && code <= 134) ||
        (code >= 137 && code <= 138) || (code >= 141 && code <= 142) || (code >= 149 && code <= 153) ||
        (code >= 187 && code <= 254);

    /// <summary>The push encoding Core's CScript &lt;&lt; data produces.</summary>
    public static byte[] EncodePush(byte[] data)
    {
        var list = new List<byte>(data.Length + 5);
        if (data.Length < (int)OpcodeType.OP_PUSHDATA1)
        {
            list.Add((byte)data.Length);
        }
        else if (data.Length <= 0xff)
        {
            list.Add((byte)OpcodeType.OP_PUSHDATA1);
            list.Add((byte)data.Length);
        }
        else if (data.Length <= 0xffff)
        {
            list.Add((byte)OpcodeType.OP_PUSHDATA2);
            list.Add((byte)(data.Length & 0xff));
            list.Add((byte)(data.Length >> 8));
        }
        else
        {
            list.Add((byte)OpcodeType.OP_PUSHDATA4);
            list.AddRange(BitConverter.GetBytes((uint)data.Length));
        }
        list.AddRange(data);
        return list.ToArray();
    }

    /// <summary>True when <paramref name="haystack"/> contains <paramref name="needle"/> at an opcode boundary.</summary>
    public static bool ContainsAtOpBoundary(byte[] haystack, byte[] needle)
    {
        foreach (var op in Parse(haystack, out _))
        {
            if (haystack.Length - op.Offset >= needle.Length && haystack.AsSpan(op.Offset, needle.Length).SequenceEqual(needle)) return true;
        }
        return false;
    }
}
