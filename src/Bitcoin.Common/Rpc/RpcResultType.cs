namespace Bitcoin.Common.Rpc;

/// <summary>The shape of a documented result field (Core's RPCResult::Type).</summary>
public enum RpcResultType
{
    /// <summary>An object with the listed keys.</summary>
    Obj,
    /// <summary>An array whose elements look like the inner entries.</summary>
    Arr,
    /// <summary>A string.</summary>
    Str,
    /// <summary>A number.</summary>
    Num,
    /// <summary>A boolean.</summary>
    Bool,
    /// <summary>JSON null.</summary>
    None,
    /// <summary>Anything (not type-checked).</summary>
    Any,
    /// <summary>An amount, written as a number with eight decimals.</summary>
    StrAmount,
    /// <summary>A hexadecimal string.</summary>
    StrHex,
    /// <summary>An object whose keys are not fixed; every value looks like the first inner entry.</summary>
    ObjDyn,
    /// <summary>An array with exactly the listed entries.</summary>
    ArrFixed,
    /// <summary>A number holding a UNIX epoch time.</summary>
    NumTime,
}
