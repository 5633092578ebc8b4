using F = Bitcoin.Common.Descriptors.Miniscript.MiniscriptFragment;

namespace Bitcoin.Common.Descriptors.Miniscript;

internal sealed partial class MiniscriptNode<TKey>
{
    /// <summary>Ops needed to satisfy, counting keys of executed CHECKMULTISIGs; null if unsatisfiable.</summary>
    public uint? GetOps() => Ops.Sat.Valid ? Ops.Count + Ops.Sat.Value : null;

    /// <summary>Whether the op count fits the consensus limit (always true in tapscript).</summary>
    public bool CheckOpsLimit()
    {
        if (MiniscriptLimits.IsTapscript(Context)) return true;
        return GetOps() is not uint ops || ops <= MiniscriptLimits.MaxOpsPerScript;
    }

    /// <summary>Whether the node is of type B, K or W (anything but V).</summary>
    public bool IsBKW => (Type & MiniscriptType.Of("BKW")) != MiniscriptType.None;

    /// <summary>The largest initial stack to satisfy; null if unsatisfiable.</summary>
    public uint? GetStackSize() => StackSize.Sat.Valid ? (uint)(StackSize.Sat.NetDiff + (IsBKW ? 1 : 0)) : null;

    /// <summary>The largest stack during execution of a satisfaction; null if unsatisfiable.</summary>
    public uint? GetExecStackSize() => StackSize.Sat.Valid ? (uint)(StackSize.Sat.Exec + (IsBKW ? 1 : 0)) : null;

    /// <summary>Whether stack sizes fit the limits (the execution stack in tapscript, the standard item count in P2WSH).</summary>
    public bool CheckStackSize()
    {
        if (MiniscriptLimits.IsTapscript(Context))
            return GetExecStackSize() is not uint exec || exec <= MiniscriptLimits.MaxStackSize;
        return GetStackSize() is not uint ss || ss <= MiniscriptLimits.MaxStandardP2wshStackItems;
    }

    /// <summary>True if no satisfaction exists.</summary>
    public bool IsNotSatisfiable() => GetStackSize() is null;

    /// <summary>The largest witness size in bytes (without the script push); null if unsatisfiable.</summary>
    public uint? GetWitnessSize() => Witness.Sat.Valid ? Witness.Sat.Value : null;

    public bool IsValid() => Type != MiniscriptType.None && ScriptSize <= MiniscriptLimits.MaxScriptSize(Context);

    public bool IsValidTopLevel() => IsValid() && Type.Is("B");

    public bool IsNonMalleable() => Type.Is("m");

    public bool NeedsSignature() => Type.Is("s");

    public bool CheckTimeLocksMix() => Type.Is("k");

    public bool CheckDuplicateKey() => HasDuplicateKeys == false;

    public bool ValidSatisfactions() => IsValid() && CheckOpsLimit() && CheckStackSize();

    public bool IsSaneSubexpression() => ValidSatisfactions() && IsNonMalleable() && CheckTimeLocksMix() && CheckDuplicateKey();

    public bool IsSane() => IsValidTopLevel() && IsSaneSubexpression() && NeedsSignature();

    /// <summary>The first insane node whose children are all sane (depth first), or null.</summary>
    public MiniscriptNode<TKey>? FindInsaneSub()
        => TreeEval<MiniscriptNode<TKey>?>((node, subs) =>
        {
            foreach (var sub in subs)
            {
                if (sub is not null) return sub;
            }
            return node.IsSaneSubexpression() ? null : node;
        });

    /// <summary>Whether some satisfaction exists given which leaves (keys, timelocks, hashes) can be satisfied.</summary>
    public bool IsSatisfiable(Func<MiniscriptNode<TKey>, bool> leaf)
        => TreeEval<bool>((node, subs) => node.Fragment switch
        {
            F.Just0 => false,
            F.Just1 => true,
            F.PkK or F.PkH or F.Multi or F.MultiA or F.After or F.Older or F.Hash256 or F.Hash160 or F.Sha256 or F.Ripemd160 => leaf(node),
            F.AndOr => (subs[0] && subs[1]) || subs[2],
            F.AndV or F.AndB => subs[0] && subs[1],
            F.OrB or F.OrC or F.OrD or F.OrI => subs[0] || subs[1],
            F.Thresh => subs.Count(s => s) >= node.K,
            _ => subs[0],
        });
}
