using System.Reflection;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus.Internal;

/// <summary>
/// Re-runs one script of a spend on NBitcoin's interpreter (its internal EvalScript, reached by reflection) to learn
/// what its VerifyScript does not report: the final stack size, an exception thrown inside a witness script, or
/// whether an opcode is reached. Used only after a spend has been verified, to put the verdict in Core's terms.
/// </summary>
internal static class InterpreterReplay
{
    private const long TapscriptValidationWeightOffset = 50;

    private static readonly MethodInfo EvalScript =
        typeof(ScriptEvaluationContext).GetMethod("EvalScript", BindingFlags.Instance | BindingFlags.NonPublic, null,
            [typeof(Script), typeof(TransactionChecker), typeof(HashVersion)], null)
        ?? throw new InvalidOperationException("NBitcoin's ScriptEvaluationContext.EvalScript was not found; the pinned NBitcoin version changed.");

    private static readonly PropertyInfo TapleafHash =
        typeof(ExecutionData).GetProperty(nameof(ExecutionData.TapleafHash))
        ?? throw new InvalidOperationException("NBitcoin's ExecutionData.TapleafHash was not found; the pinned NBitcoin version changed.");

    /// <summary>The outcome of a replay.</summary>
    public readonly record struct Outcome(bool Success, ScriptError Error, int StackCount, Exception? Thrown);

    /// <summary>Runs <paramref name="script"/> on <paramref name="stack"/> (bottom first) as a witness v0 script or tapscript.</summary>
    public static Outcome Run(byte[] script, byte[][] stack, bool tapscript, ScriptVerifyFlags flags, TransactionChecker checker,
        SpendShape shape, byte[] scriptForLeafHash)
    {
        var context = new ScriptEvaluationContext { ScriptVerify = (ScriptVerify)(uint)flags };
        if (tapscript)
        {
            var data = new ExecutionData
            {
                AnnexHash = shape.AnnexHash,
                ValidationWeightLeft = shape.WitnessSerializedSize + TapscriptValidationWeightOffset,
            };
            TapleafHash.SetValue(data, new TapScript(Script.FromBytesUnsafe(scriptForLeafHash), TapLeafVersion.C0).LeafHash);
            context.ExecutionData = data;
        }
        foreach (var item in stack) context.Stack.Push(item);
        bool ok;
        try
        {
            ok = (bool)EvalScript.Invoke(context, [Script.FromBytesUnsafe(script), checker, tapscript ? HashVersion.Tapscript : HashVersion.WitnessV0])!;
        }
        catch (TargetInvocationException ex)
        {
            return new Outcome(false, ScriptError.UnknownError, context.Stack.Count, ex.InnerException);
        }
        return new Outcome(ok, context.Error, context.Stack.Count, context.ThrownException);
    }
}
