namespace Bitcoin.Common.Rpc.Http;

/// <summary>Outcome of creating or reading the RPC cookie (Core's AuthCookieResult).</summary>
public enum RpcAuthCookieResult
{
    /// <summary>Cookie authentication is switched off (<c>-norpccookiefile</c>).</summary>
    Disabled,
    /// <summary>The file could not be written or read.</summary>
    Error,
    /// <summary>Success.</summary>
    Ok,
}
