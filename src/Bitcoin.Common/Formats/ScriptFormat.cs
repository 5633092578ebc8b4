using System.Globalization;
using System.Text;
using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Formats.Internal;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>Core's script text forms (core_io.cpp): the "asm" disassembly, FormatScript, and the ParseScript text syntax.</summary>
public static class ScriptFormat
{
    /// <summary>
    /// Core's ScriptToAsmStr: opcodes by name, pushes of up to 4 bytes as numbers, longer pushes as hex, "[error]" for a
    /// truncated push. With <paramref name="attemptSighashDecode"/> (for scriptSigs), pushes that look like DER
    /// signatures show their sighash type ("...[ALL]") unless the script starts with OP_RETURN.
    /// </summary>
    public static string ToAsm(Script script, bool attemptSighashDecode = false) => ToAsm(script.ToBytes(true), attemptSighashDecode);

    /// <inheritdoc cref="ToAsm(Script, bool)"/>
    public static string ToAsm(ReadOnlySpan<byte> script, bool attemptSighashDecode = false)
    {
        var sb = new StringBuilder();
        bool unspendable = ScriptParsing.IsUnspendable(script);
        int pc = 0;
        while (pc < script.Length)
        {
            if (sb.Length > 0) sb.Append(' ');
            if (!ScriptParsing.GetOp(script, ref pc, out byte opcode, out var vch))
            {
                sb.Append("[error]");
                return sb.ToString();
            }
            if (opcode <= ScriptOpcodes.OP_PUSHDATA4)
            {
                if (vch.Length <= 4)
                {
                    ScriptNum.TryDecode(vch, requireMinimal: false, maxSize: 4, out long n);
                    sb.Append(ScriptNum.ClampToInt(n).ToString(CultureInfo.InvariantCulture));
                }
                else if (attemptSighashDecode && !unspendable)
                {
                    string decode = "";
                    var data = vch;
                    if (SignatureEncoding.CheckStrictEncoding(vch))
                    {
                        string name = SighashTypes.ToName(vch[^1]);
                        if (name.Length > 0)
                        {
                            decode = "[" + name + "]";
                            data = vch[..^1];
                        }
                    }
                    sb.Append(Convert.ToHexString(data).ToLowerInvariant()).Append(decode);
                }
                else
                {
                    sb.Append(Convert.ToHexString(vch).ToLowerInvariant());
                }
            }
            else
            {
                sb.Append(ScriptOpcodes.GetOpName(opcode));
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Core's FormatScript (the ParseScript-compatible form): small numbers and NOPs by name, other opcodes and pushes
    /// as raw hex ("0x4c 0x01...").
    /// </summary>
    public static string Format(Script script)
    {
        var s = script.ToBytes(true);
        var sb = new StringBuilder();
        int pc = 0;
        while (pc < s.Length)
        {
            int start = pc;
            if (ScriptParsing.GetOp(s, ref pc, out byte op, out var vch))
            {
                if (op == ScriptOpcodes.OP_0)
                {
                    sb.Append("0 ");
                    continue;
                }
                if ((op >= ScriptOpcodes.OP_1 && op <= ScriptOpcodes.OP_16) || op == ScriptOpcodes.OP_1NEGATE)
                {
                    sb.Append((op - ScriptOpcodes.OP_1NEGATE - 1).ToString(CultureInfo.InvariantCulture)).Append(' ');
                    continue;
                }
                if (op >= ScriptOpcodes.OP_NOP && op <= ScriptOpcodes.OP_NOP10)
                {
                    string name = ScriptOpcodes.GetOpName(op);
                    if (name.StartsWith("OP_", StringComparison.Ordinal))
                    {
                        sb.Append(name[3..]).Append(' ');
                        continue;
                    }
                }
                if (vch.Length > 0)
                {
                    sb.Append("0x").Append(Hex(s.AsSpan(start, pc - start - vch.Length))).Append(" 0x").Append(Hex(vch)).Append(' ');
                }
                else
                {
                    sb.Append("0x").Append(Hex(s.AsSpan(start, pc - start))).Append(' ');
                }
                continue;
            }
            sb.Append("0x").Append(Hex(s.AsSpan(start))).Append(' ');
            break;
        }
        return sb.Length == 0 ? "" : sb.ToString(0, sb.Length - 1);
    }

    /// <summary>
    /// Core's ParseScript: words separated by spaces, tabs or newlines; decimal numbers are pushed as script numbers,
    /// "0x..." is inserted as raw bytes, 'text' is pushed as data, anything else is an opcode name with or without
    /// "OP_". Throws <see cref="FormatException"/> with Core's message on a bad word.
    /// </summary>
    public static Script Parse(string text)
    {
        var b = new ScriptBuilder();
        foreach (string w in text.Split([' ', '\t', '\n']))
        {
            if (w.Length == 0) continue;
            if (w.All(char.IsAsciiDigit) || (w[0] == '-' && w.Length > 1 && w.Skip(1).All(char.IsAsciiDigit)))
            {
                if (!long.TryParse(w, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long num) || num > 0xffffffffL || num < -0xffffffffL)
                    throw new FormatException("script parse error: decimal numeric value only allowed in the range -0xFFFFFFFF...0xFFFFFFFF");
                b.Number(num);
            }
            else if (w.StartsWith("0x", StringComparison.Ordinal) && w.Length > 2 && IsHex(w[2..]))
            {
                b.Raw(Convert.FromHexString(w[2..]));
            }
            else if (w.Length >= 2 && w[0] == '\'' && w[^1] == '\'')
            {
                b.Push(Encoding.Latin1.GetBytes(w[1..^1]));
            }
            else
            {
                b.Op(ParseOpCode(w));
            }
        }
        return b.ToScript();
    }

    private static readonly Lazy<Dictionary<string, byte>> s_opNames = new(() =>
    {
        var map = new Dictionary<string, byte>(StringComparer.Ordinal);
        for (int op = 0; op <= ScriptOpcodes.MAX_OPCODE; op++)
        {
            // OP_RESERVED is the one name below OP_NOP that Core accepts.
            if (op < ScriptOpcodes.OP_NOP && op != ScriptOpcodes.OP_RESERVED) continue;
            string name = ScriptOpcodes.GetOpName((byte)op);
            if (name == "OP_UNKNOWN") continue;
            map[name] = (byte)op;
            if (name.StartsWith("OP_", StringComparison.Ordinal)) map[name[3..]] = (byte)op;
        }
        return map;
    });

    private static byte ParseOpCode(string word)
        => s_opNames.Value.TryGetValue(word, out byte op) ? op : throw new FormatException("script parse error: unknown opcode");

    private static bool IsHex(string s) => s.Length % 2 == 0 && s.All(char.IsAsciiHexDigit);

    private static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexString(data).ToLowerInvariant();
}
