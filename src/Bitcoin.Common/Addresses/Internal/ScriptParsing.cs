using System.Buffers.Binary;

namespace Bitcoin.Common.Addresses.Internal;

/// <summary>
/// Walks serialized script bytes opcode by opcode with the exact semantics of Core's GetScriptOp: a truncated push
/// makes the read fail (and leaves the position wherever the failed read stopped), OP_1..OP_16 carry no data.
/// NBitcoin's Script parser tolerates malformed pushes differently, so the formats that must match Core byte for byte
/// (asm strings, the solver, miniscript decoding) read scripts through this type.
/// </summary>
internal static class ScriptParsing
{
    /// <summary>Reads one opcode at <paramref name="pc"/>. Returns false at the end of the script or on a truncated push.</summary>
    public static bool GetOp(ReadOnlySpan<byte> script, ref int pc, out byte opcode, out ReadOnlySpan<byte> data)
    {
        opcode = ScriptOpcodes.OP_INVALIDOPCODE;
        data = default;
        if (pc >= script.Length) return false;
        int op = script[pc++];
        if (op <= ScriptOpcodes.OP_PUSHDATA4)
        {
            long size;
            if (op < ScriptOpcodes.OP_PUSHDATA1)
            {
                size = op;
            }
            else if (op == ScriptOpcodes.OP_PUSHDATA1)
            {
                if (script.Length - pc < 1) return false;
                size = script[pc++];
            }
            else if (op == ScriptOpcodes.OP_PUSHDATA2)
            {
                if (script.Length - pc < 2) return false;
                size = BinaryPrimitives.ReadUInt16LittleEndian(script.Slice(pc, 2));
                pc += 2;
            }
            else
            {
                if (script.Length - pc < 4) return false;
                size = BinaryPrimitives.ReadUInt32LittleEndian(script.Slice(pc, 4));
                pc += 4;
            }
            if (script.Length - pc < size) return false;
            data = script.Slice(pc, (int)size);
            pc += (int)size;
        }
        opcode = (byte)op;
        return true;
    }

    /// <summary>True if every opcode parses and is a push (OP_RESERVED counts, as in Core).</summary>
    public static bool IsPushOnly(ReadOnlySpan<byte> script, int start = 0)
    {
        int pc = start;
        while (pc < script.Length)
        {
            if (!GetOp(script, ref pc, out byte op, out _)) return false;
            if (op > ScriptOpcodes.OP_16) return false;
        }
        return true;
    }

    /// <summary>Core's CScript::HasValidOps: every opcode parses, is known, and pushes at most 520 bytes.</summary>
    public static bool HasValidOps(ReadOnlySpan<byte> script)
    {
        int pc = 0;
        while (pc < script.Length)
        {
            if (!GetOp(script, ref pc, out byte op, out var data) || op > ScriptOpcodes.MAX_OPCODE ||
                data.Length > ScriptOpcodes.MAX_SCRIPT_ELEMENT_SIZE)
                return false;
        }
        return true;
    }

    /// <summary>Core's CScript::IsUnspendable: starts with OP_RETURN or is larger than the consensus script limit.</summary>
    public static bool IsUnspendable(ReadOnlySpan<byte> script)
        => (script.Length > 0 && script[0] == ScriptOpcodes.OP_RETURN) || script.Length > ScriptOpcodes.MAX_SCRIPT_SIZE;

    public static bool IsPayToScriptHash(ReadOnlySpan<byte> s)
        => s.Length == 23 && s[0] == ScriptOpcodes.OP_HASH160 && s[1] == 0x14 && s[22] == ScriptOpcodes.OP_EQUAL;

    public static bool IsPayToWitnessScriptHash(ReadOnlySpan<byte> s)
        => s.Length == 34 && s[0] == ScriptOpcodes.OP_0 && s[1] == 0x20;

    public static bool IsPayToTaproot(ReadOnlySpan<byte> s)
        => s.Length == 34 && s[0] == ScriptOpcodes.OP_1 && s[1] == 0x20;

    public static bool IsPayToAnchor(ReadOnlySpan<byte> s)
        => s.Length == 4 && s[0] == ScriptOpcodes.OP_1 && s[1] == 0x02 && s[2] == 0x4e && s[3] == 0x73;

    public static bool IsPayToAnchor(int version, ReadOnlySpan<byte> program)
        => version == 1 && program.Length == 2 && program[0] == 0x4e && program[1] == 0x73;

    /// <summary>Core's CScript::IsWitnessProgram: a version opcode followed by one direct push of 2 to 40 bytes.</summary>
    public static bool IsWitnessProgram(ReadOnlySpan<byte> s, out int version, out byte[] program)
    {
        version = 0;
        program = [];
        if (s.Length < 4 || s.Length > 42) return false;
        if (s[0] != ScriptOpcodes.OP_0 && (s[0] < ScriptOpcodes.OP_1 || s[0] > ScriptOpcodes.OP_16)) return false;
        if (s[1] + 2 != s.Length) return false;
        version = ScriptOpcodes.DecodeOpN(s[0]);
        program = s[2..].ToArray();
        return true;
    }

    /// <summary>Core's CheckMinimalPush for a push opcode and its data.</summary>
    public static bool CheckMinimalPush(ReadOnlySpan<byte> data, byte opcode)
    {
        if (data.Length == 0) return opcode == ScriptOpcodes.OP_0;
        if (data.Length == 1 && data[0] >= 1 && data[0] <= 16) return false;
        if (data.Length == 1 && data[0] == 0x81) return false;
        if (data.Length <= 75) return opcode == data.Length;
        if (data.Length <= 255) return opcode == ScriptOpcodes.OP_PUSHDATA1;
        if (data.Length <= 65535) return opcode == ScriptOpcodes.OP_PUSHDATA2;
        return true;
    }
}
