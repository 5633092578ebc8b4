using System.Globalization;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus.Vectors;

/// <summary>Parses the script notation of Core's test vectors (Core's ParseScript): numbers, 0x raw bytes, 'strings', opcode names.</summary>
internal static class CoreScriptParser
{
    private static readonly Dictionary<string, byte> OpNames = BuildOpNames();

    public static Script Parse(string text) => Script.FromBytesUnsafe(ParseBytes(text));

    public static byte[] ParseBytes(string text)
    {
        var result = new List<byte>();
        foreach (var word in text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsNumber(word))
            {
                long n = long.Parse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (n > 0xffffffffL || n < -0xffffffffL) throw new FormatException("decimal numeric value out of range: " + word);
                AppendNumber(result, n);
            }
            else if (word.StartsWith("0x", StringComparison.Ordinal) && word.Length > 2 && word.Length % 2 == 0 && word[2..].All(Uri.IsHexDigit))
            {
                result.AddRange(Convert.FromHexString(word[2..]));
            }
            else if (word.Length >= 2 && word[0] == '\'' && word[^1] == '\'')
            {
                AppendPush(result, System.Text.Encoding.ASCII.GetBytes(word[1..^1]));
            }
            else if (OpNames.TryGetValue(word, out var op))
            {
                result.Add(op);
            }
            else
            {
                throw new FormatException("script parse error: unknown opcode " + word);
            }
        }
        return result.ToArray();
    }

    private static bool IsNumber(string w) =>
        w.All(char.IsAsciiDigit) || (w[0] == '-' && w.Length > 1 && w.Skip(1).All(char.IsAsciiDigit));

    // Core's CScript << int64: OP_0, OP_1NEGATE and OP_1..OP_16 for small values, else a minimal script number push.
    private static void AppendNumber(List<byte> script, long n)
    {
        if (n == -1 || (n >= 1 && n <= 16))
        {
            script.Add((byte)(n + ((int)OpcodeType.OP_1 - 1)));
            return;
        }
        if (n == 0)
        {
            script.Add(0);
            return;
        }
        var bytes = new List<byte>();
        bool negative = n < 0;
        ulong abs = (ulong)Math.Abs(n);
        while (abs != 0)
        {
            bytes.Add((byte)(abs & 0xff));
            abs >>= 8;
        }
        if ((bytes[^1] & 0x80) != 0) bytes.Add(negative ? (byte)0x80 : (byte)0);
        else if (negative) bytes[^1] |= 0x80;
        AppendPush(script, bytes.ToArray());
    }

    // Core's CScript << vector: the shortest push opcode for the length (never OP_N).
    internal static void AppendPush(List<byte> script, byte[] data)
    {
        if (data.Length < (int)OpcodeType.OP_PUSHDATA1)
        {
            script.Add((byte)data.Length);
        }
        else if (data.Length <= 0xff)
        {
            script.Add((byte)OpcodeType.OP_PUSHDATA1);
            script.Add((byte)data.Length);
        }
        else if (data.Length <= 0xffff)
        {
            script.Add((byte)OpcodeType.OP_PUSHDATA2);
            script.Add((byte)(data.Length & 0xff));
            script.Add((byte)(data.Length >> 8));
        }
        else
        {
            script.Add((byte)OpcodeType.OP_PUSHDATA4);
            script.AddRange(BitConverter.GetBytes((uint)data.Length));
        }
        script.AddRange(data);
    }

    private static Dictionary<string, byte> BuildOpNames()
    {
        var names = new Dictionary<string, byte>(StringComparer.Ordinal);
        void Add(string name, int op)
        {
            names["OP_" + name] = (byte)op;
            names[name] = (byte)op;
        }
        Add("RESERVED", 0x50);
        string[] from0x61 =
        [
            "NOP", "VER", "IF", "NOTIF", "VERIF", "VERNOTIF", "ELSE", "ENDIF", "VERIFY", "RETURN", "TOALTSTACK",
            "FROMALTSTACK", "2DROP", "2DUP", "3DUP", "2OVER", "2ROT", "2SWAP", "IFDUP", "DEPTH", "DROP", "DUP", "NIP",
            "OVER", "PICK", "ROLL", "ROT", "SWAP", "TUCK", "CAT", "SUBSTR", "LEFT", "RIGHT", "SIZE", "INVERT", "AND", "OR",
            "XOR", "EQUAL", "EQUALVERIFY", "RESERVED1", "RESERVED2", "1ADD", "1SUB", "2MUL", "2DIV", "NEGATE", "ABS", "NOT",
            "0NOTEQUAL", "ADD", "SUB", "MUL", "DIV", "MOD", "LSHIFT", "RSHIFT", "BOOLAND", "BOOLOR", "NUMEQUAL",
            "NUMEQUALVERIFY", "NUMNOTEQUAL", "LESSTHAN", "GREATERTHAN", "LESSTHANOREQUAL", "GREATERTHANOREQUAL", "MIN",
            "MAX", "WITHIN", "RIPEMD160", "SHA1", "SHA256", "HASH160", "HASH256", "CODESEPARATOR", "CHECKSIG",
            "CHECKSIGVERIFY", "CHECKMULTISIG", "CHECKMULTISIGVERIFY", "NOP1", "CHECKLOCKTIMEVERIFY",
            "CHECKSEQUENCEVERIFY", "NOP4", "NOP5", "NOP6", "NOP7", "NOP8", "NOP9", "NOP10", "CHECKSIGADD",
        ];
        for (int i = 0; i < from0x61.Length; i++) Add(from0x61[i], 0x61 + i);
        return names;
    }
}
