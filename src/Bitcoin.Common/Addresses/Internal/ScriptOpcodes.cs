namespace Bitcoin.Common.Addresses.Internal;

/// <summary>Opcode values and script limits used by the Core-compatible script helpers, with Core's opcode names.</summary>
internal static class ScriptOpcodes
{
    public const byte OP_0 = 0x00;
    public const byte OP_PUSHDATA1 = 0x4c;
    public const byte OP_PUSHDATA2 = 0x4d;
    public const byte OP_PUSHDATA4 = 0x4e;
    public const byte OP_1NEGATE = 0x4f;
    public const byte OP_RESERVED = 0x50;
    public const byte OP_1 = 0x51;
    public const byte OP_16 = 0x60;
    public const byte OP_NOP = 0x61;
    public const byte OP_IF = 0x63;
    public const byte OP_NOTIF = 0x64;
    public const byte OP_ELSE = 0x67;
    public const byte OP_ENDIF = 0x68;
    public const byte OP_VERIFY = 0x69;
    public const byte OP_RETURN = 0x6a;
    public const byte OP_TOALTSTACK = 0x6b;
    public const byte OP_FROMALTSTACK = 0x6c;
    public const byte OP_IFDUP = 0x73;
    public const byte OP_DUP = 0x76;
    public const byte OP_SWAP = 0x7c;
    public const byte OP_SIZE = 0x82;
    public const byte OP_EQUAL = 0x87;
    public const byte OP_EQUALVERIFY = 0x88;
    public const byte OP_0NOTEQUAL = 0x92;
    public const byte OP_ADD = 0x93;
    public const byte OP_BOOLAND = 0x9a;
    public const byte OP_BOOLOR = 0x9b;
    public const byte OP_NUMEQUAL = 0x9c;
    public const byte OP_NUMEQUALVERIFY = 0x9d;
    public const byte OP_RIPEMD160 = 0xa6;
    public const byte OP_SHA256 = 0xa8;
    public const byte OP_HASH160 = 0xa9;
    public const byte OP_HASH256 = 0xaa;
    public const byte OP_CHECKSIG = 0xac;
    public const byte OP_CHECKSIGVERIFY = 0xad;
    public const byte OP_CHECKMULTISIG = 0xae;
    public const byte OP_CHECKMULTISIGVERIFY = 0xaf;
    public const byte OP_NOP1 = 0xb0;
    public const byte OP_CHECKLOCKTIMEVERIFY = 0xb1;
    public const byte OP_CHECKSEQUENCEVERIFY = 0xb2;
    public const byte OP_NOP10 = 0xb9;
    public const byte OP_CHECKSIGADD = 0xba;
    public const byte MAX_OPCODE = OP_NOP10;
    public const byte OP_INVALIDOPCODE = 0xff;

    public const int MAX_SCRIPT_ELEMENT_SIZE = 520;
    public const int MAX_SCRIPT_SIZE = 10000;
    public const int MAX_PUBKEYS_PER_MULTISIG = 20;
    public const int MAX_PUBKEYS_PER_MULTI_A = 999;

    /// <summary>OP_0 → 0, OP_1..OP_16 → 1..16.</summary>
    public static int DecodeOpN(byte opcode) => opcode == OP_0 ? 0 : opcode - (OP_1 - 1);

    /// <summary>0 → OP_0, 1..16 → OP_1..OP_16.</summary>
    public static byte EncodeOpN(int n) => n == 0 ? OP_0 : (byte)(OP_1 + n - 1);

    private static readonly string[] s_names = BuildNames();

    /// <summary>Core's GetOpName: "0", "-1", "1".."16" for the small numbers, "OP_UNKNOWN" for unassigned values.</summary>
    public static string GetOpName(byte opcode) => s_names[opcode];

    private static string[] BuildNames()
    {
        var names = new string[256];
        Array.Fill(names, "OP_UNKNOWN");
        names[OP_0] = "0";
        names[OP_PUSHDATA1] = "OP_PUSHDATA1";
        names[OP_PUSHDATA2] = "OP_PUSHDATA2";
        names[OP_PUSHDATA4] = "OP_PUSHDATA4";
        names[OP_1NEGATE] = "-1";
        names[OP_RESERVED] = "OP_RESERVED";
        for (int i = 1; i <= 16; i++) names[OP_1 + i - 1] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] from0x61 =
        [
            "OP_NOP", "OP_VER", "OP_IF", "OP_NOTIF", "OP_VERIF", "OP_VERNOTIF", "OP_ELSE", "OP_ENDIF", "OP_VERIFY",
            "OP_RETURN", "OP_TOALTSTACK", "OP_FROMALTSTACK", "OP_2DROP", "OP_2DUP", "OP_3DUP", "OP_2OVER", "OP_2ROT",
            "OP_2SWAP", "OP_IFDUP", "OP_DEPTH", "OP_DROP", "OP_DUP", "OP_NIP", "OP_OVER", "OP_PICK", "OP_ROLL", "OP_ROT",
            "OP_SWAP", "OP_TUCK", "OP_CAT", "OP_SUBSTR", "OP_LEFT", "OP_RIGHT", "OP_SIZE", "OP_INVERT", "OP_AND", "OP_OR",
            "OP_XOR", "OP_EQUAL", "OP_EQUALVERIFY", "OP_RESERVED1", "OP_RESERVED2", "OP_1ADD", "OP_1SUB", "OP_2MUL",
            "OP_2DIV", "OP_NEGATE", "OP_ABS", "OP_NOT", "OP_0NOTEQUAL", "OP_ADD", "OP_SUB", "OP_MUL", "OP_DIV", "OP_MOD",
            "OP_LSHIFT", "OP_RSHIFT", "OP_BOOLAND", "OP_BOOLOR", "OP_NUMEQUAL", "OP_NUMEQUALVERIFY", "OP_NUMNOTEQUAL",
            "OP_LESSTHAN", "OP_GREATERTHAN", "OP_LESSTHANOREQUAL", "OP_GREATERTHANOREQUAL", "OP_MIN", "OP_MAX",
            "OP_WITHIN", "OP_RIPEMD160", "OP_SHA1", "OP_SHA256", "OP_HASH160", "OP_HASH256", "OP_CODESEPARATOR",
            "OP_CHECKSIG", "OP_CHECKSIGVERIFY", "OP_CHECKMULTISIG", "OP_CHECKMULTISIGVERIFY", "OP_NOP1",
            "OP_CHECKLOCKTIMEVERIFY", "OP_CHECKSEQUENCEVERIFY", "OP_NOP4", "OP_NOP5", "OP_NOP6", "OP_NOP7", "OP_NOP8",
            "OP_NOP9", "OP_NOP10", "OP_CHECKSIGADD",
        ];
        for (int i = 0; i < from0x61.Length; i++) names[OP_NOP + i] = from0x61[i];
        names[OP_INVALIDOPCODE] = "OP_INVALIDOPCODE";
        return names;
    }
}
