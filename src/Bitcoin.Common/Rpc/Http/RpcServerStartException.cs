namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// The RPC server could not start, with Core's message (e.g. "Unable to bind any endpoint for RPC server",
/// "Invalid -rpcallowip subnet specification: ..."). <see cref="Warnings"/> holds what was logged on the way, such as
/// "Binding RPC on address 127.0.0.1 port 8332 failed: ...".
/// </summary>
public sealed class RpcServerStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpcServerStartException(string message, IReadOnlyList<string>? warnings = null, Exception? inner = null)
        : base(message, inner) => Warnings = warnings ?? Array.Empty<string>();

    /// <summary>Warnings logged while trying to start.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
