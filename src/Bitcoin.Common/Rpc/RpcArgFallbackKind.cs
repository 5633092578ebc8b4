namespace Bitcoin.Common.Rpc;

/// <summary>The forms of <see cref="RpcArgFallback"/>.</summary>
public enum RpcArgFallbackKind
{
    /// <summary>Required argument.</summary>
    Required,
    /// <summary>Optional without a shown default.</summary>
    Omitted,
    /// <summary>Optional with a default described in words.</summary>
    Hint,
    /// <summary>Optional with a JSON default value.</summary>
    Default,
}
