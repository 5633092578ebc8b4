namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>Consensus and policy limits that bound miniscripts.</summary>
internal static class MiniscriptLimits
{
    public const int MaxStandardP2wshScriptSize = 3600;
    public const int MaxStandardP2wshStackItems = 100;
    public const int MaxOpsPerScript = 201;
    public const int MaxStackSize = 1000;
    public const uint LocktimeThreshold = 500_000_000;
    public const uint SequenceLocktimeTypeFlag = 1u << 22;
    public const uint SequenceLocktimeMask = 0x0000ffff;
    public const int MaxPubKeysPerMultisig = 20;
    public const int MaxPubKeysPerMultiA = 999;

    // A tapscript leaf is bounded only by the standard transaction weight: leave room for a transaction body and
    // the largest possible witness (1000 65-byte elements and a maximal control block).
    private const int TxBodyLeewayWeight = (8 + 1 + 41 + 1 + 43) * 4 + 2;
    private const int MaxTapscriptSatSize = 3 + (1 + 65) * MaxStackSize + 3 + 4129;
    private const int TapscriptMaxSizeBeforeLength = 400_000 - TxBodyLeewayWeight - MaxTapscriptSatSize;

    /// <summary>The largest script accepted in a context.</summary>
    public static int MaxScriptSize(MiniscriptContext ctx)
        => ctx == MiniscriptContext.Tapscript ? TapscriptMaxSizeBeforeLength - 5 : MaxStandardP2wshScriptSize;

    public static bool IsTapscript(MiniscriptContext ctx) => ctx == MiniscriptContext.Tapscript;
}
