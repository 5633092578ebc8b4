namespace Bitcoin.Common.Rpc;

/// <summary>Seldom-used settings of a documented result field (Core's RPCResultOptions).</summary>
public sealed record RpcResultOptions
{
    /// <summary>Do not check this field when results are checked against their documentation.</summary>
    public bool SkipTypeCheck { get; init; }

    /// <summary>Leave this field out of the help text.</summary>
    public bool HiddenFromHelp { get; init; }

    /// <summary>Print "..." with this summary in place of the field (and usually hide its siblings).</summary>
    public string? ElisionSummary { get; init; }
}
