namespace Bitcoin.Common.Rpc;

/// <summary>Rarely needed settings of an argument (Core's RPCArgOptions).</summary>
public sealed record RpcArgOptions
{
    /// <summary>Accept any JSON type for this argument (the handler checks it).</summary>
    public bool SkipTypeCheck { get; init; }

    /// <summary>Replaces the generated text of the argument in the usage line.</summary>
    public string OneLineDescription { get; init; } = "";

    /// <summary>
    /// Replaces the generated type strings: either empty, or two entries — the type shown after a key inside an
    /// object, and the type shown in the argument's description.
    /// </summary>
    public IReadOnlyList<string> TypeStr { get; init; } = Array.Empty<string>();

    /// <summary>Kept only for compatibility; callers should normally leave it out.</summary>
    public bool Placeholder { get; init; }

    /// <summary>Not shown in help (for testing); every argument after a hidden one is hidden too.</summary>
    public bool Hidden { get; init; }

    /// <summary>A key of an options object that may also be passed by the same name as a top-level parameter.</summary>
    public bool AlsoPositional { get; init; }
}
