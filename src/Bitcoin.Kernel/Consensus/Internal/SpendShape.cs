using NBitcoin;

namespace Bitcoin.Kernel.Consensus.Internal;

/// <summary>
/// Which scripts an input spend executes under given flags, worked out the way Core's VerifyScript walks them:
/// scriptSig and scriptPubKey, the P2SH redeem script, and the witness program's script (P2WSH script or tapscript).
/// Used to put NBitcoin's interpreter results into Core's terms.
/// </summary>
internal sealed class SpendShape
{
    public const byte TapscriptLeafVersion = 0xc0;

    private SpendShape()
    {
    }

    /// <summary>The scripts executed with legacy (base) semantics: scriptSig, scriptPubKey, redeem script.</summary>
    public List<byte[]> LegacyScripts { get; } = [];

    /// <summary>The P2SH redeem script, when P2SH applies.</summary>
    public byte[]? RedeemScript { get; private set; }

    /// <summary>The witness v0 script (P2WSH), when one runs.</summary>
    public byte[]? WitnessV0Script { get; private set; }

    /// <summary>Witness stack items given to <see cref="WitnessV0Script"/> or <see cref="Tapscript"/>, bottom first.</summary>
    public byte[][] ScriptWitnessStack { get; private set; } = [];

    /// <summary>The tapscript (leaf version 0xc0), when a taproot script path runs one.</summary>
    public byte[]? Tapscript { get; private set; }

    /// <summary>The control block of a taproot script-path spend.</summary>
    public byte[]? ControlBlock { get; private set; }

    /// <summary>Hash of the annex (SHA256 of its compact-size serialization), when present in a taproot spend.</summary>
    public uint256? AnnexHash { get; private set; }

    /// <summary>The serialized size of the whole witness (for tapscript's validation-weight budget).</summary>
    public int WitnessSerializedSize { get; private set; }

    /// <summary>True for any taproot script-path spend (whatever the leaf version).</summary>
    public bool IsTaprootScriptPath { get; private set; }

    public static SpendShape Analyze(Script scriptSig, Script scriptPubKey, WitScript witness, ScriptVerifyFlags flags)
    {
        var shape = new SpendShape();
        var sigBytes = scriptSig.ToBytes(true);
        var pubKeyBytes = scriptPubKey.ToBytes(true);
        shape.LegacyScripts.Add(sigBytes);
        shape.LegacyScripts.Add(pubKeyBytes);

        byte[]? program = null;
        int version = -1;
        bool viaP2Sh = false;
        if ((flags & ScriptVerifyFlags.Witness) != 0 && TryGetWitnessProgram(pubKeyBytes, out version, out program))
        {
            // A bare witness program.
        }
        else
        {
            program = null;
        }

        if ((flags & ScriptVerifyFlags.P2Sh) != 0 && scriptPubKey.IsScriptType(ScriptType.P2SH))
        {
            var pushes = ScriptOps.Pushes(sigBytes);
            // Only a redeem script that matches the P2SH hash runs; otherwise scriptPubKey already failed.
            if (pushes != null && pushes.Count > 0 &&
                NBitcoin.Crypto.Hashes.Hash160(pushes[^1]).ToBytes().AsSpan().SequenceEqual(pubKeyBytes.AsSpan(2, 20)))
            {
                shape.RedeemScript = pushes[^1];
                shape.LegacyScripts.Add(shape.RedeemScript);
                if ((flags & ScriptVerifyFlags.Witness) != 0 && TryGetWitnessProgram(shape.RedeemScript, out version, out program))
                {
                    viaP2Sh = true;
                }
            }
        }

        if (program == null) return shape;
        var stack = witness.Pushes.ToArray();
        shape.WitnessSerializedSize = witness.GetSerializedSize();
        if (version == 0 && program.Length == 32 && stack.Length > 0 &&
            System.Security.Cryptography.SHA256.HashData(stack[^1]).AsSpan().SequenceEqual(program))
        {
            shape.WitnessV0Script = stack[^1];
            shape.ScriptWitnessStack = stack[..^1];
        }
        else if (version == 1 && program.Length == 32 && !viaP2Sh && (flags & ScriptVerifyFlags.Taproot) != 0)
        {
            if (stack.Length >= 2 && stack[^1].Length > 0 && stack[^1][0] == 0x50)
            {
                shape.AnnexHash = AnnexHashOf(stack[^1]);
                stack = stack[..^1];
            }
            if (stack.Length >= 2)
            {
                shape.IsTaprootScriptPath = true;
                shape.ControlBlock = stack[^1];
                if (shape.ControlBlock.Length > 0 && (shape.ControlBlock[0] & 0xfe) == TapscriptLeafVersion)
                {
                    shape.Tapscript = stack[^2];
                    shape.ScriptWitnessStack = stack[..^2];
                }
            }
        }
        return shape;
    }

    private static bool TryGetWitnessProgram(byte[] script, out int version, out byte[] program)
    {
        version = -1;
        program = [];
        if (script.Length < 4 || script.Length > 42) return false;
        if (script[0] != 0 && (script[0] < (byte)OpcodeType.OP_1 || script[0] > (byte)OpcodeType.OP_16)) return false;
        if (script[1] + 2 != script.Length) return false;
        version = script[0] == 0 ? 0 : script[0] - ((byte)OpcodeType.OP_1 - 1);
        program = script[2..];
        return true;
    }

    private static uint256 AnnexHashOf(byte[] annex)
    {
        using var ms = new MemoryStream();
        var stream = new BitcoinStream(ms, true);
        var copy = annex;
        stream.ReadWriteAsVarString(ref copy);
        return new uint256(System.Security.Cryptography.SHA256.HashData(ms.ToArray()));
    }
}
