using Bitcoin.Wallet.CoinSelection;
using NBitcoin;

namespace Bitcoin.Wallet.Spend.Internal;

/// <summary>Core's dust rules (policy/policy.cpp GetDustThreshold / IsDust) and script shape checks the wallet needs.</summary>
internal static class Dust
{
    private const int WitnessScaleFactor = 4;
    private const int MaxScriptSize = 10_000;

    /// <summary>The value below which <paramref name="output"/> costs more to spend than it is worth at <paramref name="dustRelayFee"/>.</summary>
    public static long Threshold(TxOut output, TxFeeRate dustRelayFee)
    {
        var script = output.ScriptPubKey.ToBytes(true);
        if (IsUnspendable(script)) return 0;
        long size = 8 + InputSizes.CompactSizeLength(script.Length) + script.Length;
        // The input spending it: a P2WPKH one (with the witness discount) for witness programs, else a P2PKH one.
        size += IsWitnessProgram(script) ? 32 + 4 + 1 + (107 / WitnessScaleFactor) + 4 : 32 + 4 + 1 + 107 + 4;
        return dustRelayFee.GetFee(size);
    }

    /// <summary>Core's IsDust.</summary>
    public static bool IsDust(TxOut output, TxFeeRate dustRelayFee) => output.Value.Satoshi < Threshold(output, dustRelayFee);

    /// <summary>Core's CScript::IsUnspendable: OP_RETURN first, or too long.</summary>
    public static bool IsUnspendable(ReadOnlySpan<byte> script) => (script.Length > 0 && script[0] == (byte)OpcodeType.OP_RETURN) || script.Length > MaxScriptSize;

    /// <summary>Core's CScript::IsWitnessProgram: a version opcode and one 2..40 byte push, nothing else.</summary>
    public static bool IsWitnessProgram(ReadOnlySpan<byte> script)
    {
        if (script.Length < 4 || script.Length > 42) return false;
        if (script[0] != (byte)OpcodeType.OP_0 && (script[0] < (byte)OpcodeType.OP_1 || script[0] > (byte)OpcodeType.OP_16)) return false;
        return script[1] + 2 == script.Length;
    }
}
