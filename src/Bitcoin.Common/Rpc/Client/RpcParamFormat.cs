namespace Bitcoin.Common.Rpc.Client;

/// <summary>How a client passes a command-line argument (Core's ParamFormat).</summary>
public enum RpcParamFormat
{
    /// <summary>Parsed as JSON; invalid JSON is an error.</summary>
    Json,
    /// <summary>Passed as a string, even with '=' in it under <c>-named</c>.</summary>
    String,
    /// <summary>Parsed as JSON if it is valid JSON, else passed as a string (e.g. a block hash or a height).</summary>
    JsonOrString,
}
