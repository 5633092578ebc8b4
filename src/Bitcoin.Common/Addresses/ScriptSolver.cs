using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>
/// Core's script/solver.cpp and the destination functions of addresstype.cpp: classifies output scripts, extracts their
/// parameters ("solutions") and destinations, and builds the standard scripts.
/// </summary>
public static class ScriptSolver
{
    /// <summary>
    /// Classifies a script and returns its parameters as Core's Solver: the hash for P2PKH/P2SH/P2WPKH/P2WSH, the
    /// key for P2PK and P2TR, [version, program] for unknown witness programs, and [k, keys..., n] for multisig.
    /// </summary>
    public static TxoutType Solve(Script script, out List<byte[]> solutions) => Solve(script.ToBytes(true), out solutions);

    /// <inheritdoc cref="Solve(Script, out List{byte[]})"/>
    public static TxoutType Solve(ReadOnlySpan<byte> s, out List<byte[]> solutions)
    {
        solutions = [];
        if (ScriptParsing.IsPayToScriptHash(s))
        {
            solutions.Add(s.Slice(2, 20).ToArray());
            return TxoutType.ScriptHash;
        }
        if (ScriptParsing.IsWitnessProgram(s, out int version, out byte[] program))
        {
            if (version == 0 && program.Length == 20)
            {
                solutions.Add(program);
                return TxoutType.WitnessV0KeyHash;
            }
            if (version == 0 && program.Length == 32)
            {
                solutions.Add(program);
                return TxoutType.WitnessV0ScriptHash;
            }
            if (version == 1 && program.Length == 32)
            {
                solutions.Add(program);
                return TxoutType.WitnessV1Taproot;
            }
            if (ScriptParsing.IsPayToAnchor(s)) return TxoutType.Anchor;
            if (version != 0)
            {
                solutions.Add([(byte)version]);
                solutions.Add(program);
                return TxoutType.WitnessUnknown;
            }
            return TxoutType.NonStandard;
        }
        if (s.Length >= 1 && s[0] == ScriptOpcodes.OP_RETURN && ScriptParsing.IsPushOnly(s, 1)) return TxoutType.NullData;
        if (MatchPayToPubkey(s, out var pubkey))
        {
            solutions.Add(pubkey);
            return TxoutType.PubKey;
        }
        if (s.Length == 25 && s[0] == ScriptOpcodes.OP_DUP && s[1] == ScriptOpcodes.OP_HASH160 && s[2] == 20 &&
            s[23] == ScriptOpcodes.OP_EQUALVERIFY && s[24] == ScriptOpcodes.OP_CHECKSIG)
        {
            solutions.Add(s.Slice(3, 20).ToArray());
            return TxoutType.PubKeyHash;
        }
        if (MatchMultisig(s, out int required, out var keys))
        {
            solutions.Add([(byte)required]);
            solutions.AddRange(keys);
            solutions.Add([(byte)keys.Count]);
            return TxoutType.Multisig;
        }
        solutions.Clear();
        return TxoutType.NonStandard;
    }

    /// <summary>Core's GetTxnOutputType: the name used in JSON ("pubkeyhash", "witness_v0_keyhash", ...).</summary>
    public static string GetTxnOutputType(TxoutType type) => type switch
    {
        TxoutType.NonStandard => "nonstandard",
        TxoutType.PubKey => "pubkey",
        TxoutType.PubKeyHash => "pubkeyhash",
        TxoutType.ScriptHash => "scripthash",
        TxoutType.Multisig => "multisig",
        TxoutType.NullData => "nulldata",
        TxoutType.Anchor => "anchor",
        TxoutType.WitnessV0KeyHash => "witness_v0_keyhash",
        TxoutType.WitnessV0ScriptHash => "witness_v0_scripthash",
        TxoutType.WitnessV1Taproot => "witness_v1_taproot",
        TxoutType.WitnessUnknown => "witness_unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// Core's ExtractDestination: true with the destination for the address kinds; false for P2PK (destination is a
    /// <see cref="PubKeyDestination"/>, or <see cref="NoDestination"/> when the key does not parse), multisig, null data
    /// and nonstandard scripts (destination is a <see cref="NoDestination"/> holding the script).
    /// </summary>
    public static bool TryExtractDestination(Script script, out TxDestination destination)
    {
        var type = Solve(script, out var solutions);
        switch (type)
        {
            case TxoutType.PubKey:
                destination = new PubKeyDestination(solutions[0]);
                return false;
            case TxoutType.PubKeyHash:
                destination = new PubKeyHashDestination(new KeyId(solutions[0]));
                return true;
            case TxoutType.ScriptHash:
                destination = new ScriptHashDestination(new ScriptId(solutions[0]));
                return true;
            case TxoutType.WitnessV0KeyHash:
                destination = new WitnessV0KeyHashDestination(new KeyId(solutions[0]));
                return true;
            case TxoutType.WitnessV0ScriptHash:
                destination = new WitnessV0ScriptHashDestination(solutions[0]);
                return true;
            case TxoutType.WitnessV1Taproot:
                destination = new WitnessV1TaprootDestination(solutions[0]);
                return true;
            case TxoutType.Anchor:
                destination = new PayToAnchorDestination();
                return true;
            case TxoutType.WitnessUnknown:
                destination = new WitnessUnknownDestination(solutions[0][0], solutions[1]);
                return true;
            default:
                destination = new NoDestination(script);
                return false;
        }
    }

    /// <summary>Core's GetScriptForRawPubKey: <c>&lt;key&gt; OP_CHECKSIG</c>.</summary>
    public static Script GetScriptForRawPubKey(PubKey pubkey)
        => new ScriptBuilder().Push(pubkey.ToBytes()).Op(ScriptOpcodes.OP_CHECKSIG).ToScript();

    /// <summary>Core's GetScriptForMultisig: <c>k &lt;keys&gt;... n OP_CHECKMULTISIG</c>, keys in the given order.</summary>
    public static Script GetScriptForMultisig(int required, IReadOnlyList<PubKey> keys)
    {
        var b = new ScriptBuilder().Number(required);
        foreach (var key in keys) b.Push(key.ToBytes());
        return b.Number(keys.Count).Op(ScriptOpcodes.OP_CHECKMULTISIG).ToScript();
    }

    /// <summary>
    /// Core's MatchMultiA: recognises <c>&lt;xonly&gt; OP_CHECKSIG (&lt;xonly&gt; OP_CHECKSIGADD)* k OP_NUMEQUAL</c> and
    /// returns the threshold and the 32-byte keys.
    /// </summary>
    public static bool TryMatchMultiA(ReadOnlySpan<byte> s, out int threshold, out List<byte[]> keys)
    {
        threshold = 0;
        keys = [];
        if (s.Length == 0 || s[0] != 32 || s[^1] != ScriptOpcodes.OP_NUMEQUAL) return false;
        int it = 0;
        while (s.Length - it >= 34)
        {
            if (s[it] != 32) return false;
            it++;
            keys.Add(s.Slice(it, 32).ToArray());
            it += 32;
            if (s[it] != (keys.Count == 1 ? ScriptOpcodes.OP_CHECKSIG : ScriptOpcodes.OP_CHECKSIGADD)) return false;
            it++;
        }
        if (keys.Count == 0 || keys.Count > ScriptOpcodes.MAX_PUBKEYS_PER_MULTI_A) return false;
        if (!ScriptParsing.GetOp(s, ref it, out byte opcode, out var data)) return false;
        if (it == s.Length) return false;
        if (s[it] != ScriptOpcodes.OP_NUMEQUAL) return false;
        it++;
        if (it != s.Length) return false;
        var k = GetScriptNumber(opcode, data, 1, keys.Count);
        if (k is null) return false;
        threshold = k.Value;
        return true;
    }

    private static bool MatchPayToPubkey(ReadOnlySpan<byte> s, out byte[] pubkey)
    {
        pubkey = [];
        if (s.Length == 65 + 2 && s[0] == 65 && s[^1] == ScriptOpcodes.OP_CHECKSIG)
        {
            pubkey = s.Slice(1, 65).ToArray();
            return PubKeyBytes.ValidSize(pubkey);
        }
        if (s.Length == 33 + 2 && s[0] == 33 && s[^1] == ScriptOpcodes.OP_CHECKSIG)
        {
            pubkey = s.Slice(1, 33).ToArray();
            return PubKeyBytes.ValidSize(pubkey);
        }
        return false;
    }

    // Core's GetScriptNumber: OP_1..OP_16, or a minimal push of a number, within [min, max].
    private static int? GetScriptNumber(byte opcode, ReadOnlySpan<byte> data, int min, int max)
    {
        long count;
        if (opcode >= ScriptOpcodes.OP_1 && opcode <= ScriptOpcodes.OP_16)
        {
            count = ScriptOpcodes.DecodeOpN(opcode);
        }
        else if (opcode <= ScriptOpcodes.OP_PUSHDATA4)
        {
            if (!ScriptParsing.CheckMinimalPush(data, opcode)) return null;
            if (!ScriptNum.TryDecode(data, requireMinimal: true, maxSize: 4, out count)) return null;
            count = ScriptNum.ClampToInt(count);
        }
        else
        {
            return null;
        }
        if (count < min || count > max) return null;
        return (int)count;
    }

    private static bool MatchMultisig(ReadOnlySpan<byte> s, out int required, out List<byte[]> pubkeys)
    {
        required = 0;
        pubkeys = [];
        if (s.Length < 1 || s[^1] != ScriptOpcodes.OP_CHECKMULTISIG) return false;
        int it = 0;
        if (!ScriptParsing.GetOp(s, ref it, out byte opcode, out var data)) return false;
        var req = GetScriptNumber(opcode, data, 1, ScriptOpcodes.MAX_PUBKEYS_PER_MULTISIG);
        if (req is null) return false;
        required = req.Value;
        bool ok;
        while ((ok = ScriptParsing.GetOp(s, ref it, out opcode, out data)) && PubKeyBytes.ValidSize(data))
        {
            pubkeys.Add(data.ToArray());
        }
        // Core feeds the opcode from the failed GetOp (OP_INVALIDOPCODE) into GetScriptNumber, which rejects it.
        if (!ok) opcode = ScriptOpcodes.OP_INVALIDOPCODE;
        var numKeys = GetScriptNumber(opcode, data, required, ScriptOpcodes.MAX_PUBKEYS_PER_MULTISIG);
        if (numKeys is null) return false;
        if (pubkeys.Count != numKeys.Value) return false;
        return it + 1 == s.Length;
    }
}
