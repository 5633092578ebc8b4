namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>Where in a descriptor an expression is being parsed (Core's ParseScriptContext).</summary>
internal enum ParseScriptContext
{
    /// <summary>The output script itself.</summary>
    Top,

    /// <summary>Inside sh(): the redeem script.</summary>
    P2SH,

    /// <summary>Inside wpkh(): a key only.</summary>
    P2WPKH,

    /// <summary>Inside wsh(): the witness script.</summary>
    P2WSH,

    /// <summary>Inside tr(): the internal key or a leaf script.</summary>
    P2TR,

    /// <summary>Inside musig(): a participant key.</summary>
    MuSig,
}
