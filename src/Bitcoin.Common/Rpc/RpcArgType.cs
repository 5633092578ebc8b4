namespace Bitcoin.Common.Rpc;

/// <summary>What an RPC argument accepts (Core's RPCArg::Type); drives type checks, help text and client conversion.</summary>
public enum RpcArgType
{
    /// <summary>A JSON object with fixed keys, described by the inner arguments.</summary>
    Obj,
    /// <summary>A JSON array whose elements the inner arguments describe.</summary>
    Arr,
    /// <summary>A string.</summary>
    Str,
    /// <summary>A number.</summary>
    Num,
    /// <summary>A boolean.</summary>
    Bool,
    /// <summary>An options object whose keys may also be passed as top-level named parameters.</summary>
    ObjNamedParams,
    /// <summary>An object whose keys the user chooses (e.g. address → amount).</summary>
    ObjUserKeys,
    /// <summary>An amount: a number or a string holding one (checked by <see cref="RpcParse.Amount"/>).</summary>
    Amount,
    /// <summary>A hexadecimal string.</summary>
    StrHex,
    /// <summary>A number or a [begin, end] pair.</summary>
    Range,
}
