using Capnp;

namespace Multiprocess;

/// <summary>A call as the body given to <see cref="IpcConnection.RunAsync{TParams, TResults}"/> sees it, on the
/// thread it runs on: its parameters, the results to fill, and the connection it came over.</summary>
/// <typeparam name="TParams">The generated parameter struct reader.</typeparam>
/// <typeparam name="TResults">The generated result struct builder.</typeparam>
public readonly struct IpcCall<TParams, TResults>
    where TParams : struct, IStructReader<TParams>
    where TResults : struct, IStructBuilder<TResults>
{
    internal IpcCall(CallContext<TParams, TResults> call, IpcConnection connection, int requestNumber,
        CancellationToken cancellationToken)
    {
        Context = call;
        Connection = connection;
        RequestNumber = requestNumber;
        CancellationToken = cancellationToken;
    }

    /// <summary>The RPC layer's call.</summary>
    public CallContext<TParams, TResults> Context { get; }

    /// <summary>The parameters.</summary>
    public TParams Params => Context.Params;

    /// <summary>The results to fill.</summary>
    public TResults Results => Context.Results;

    /// <summary>The connection the call came over: server objects returned to the peer are adopted by it
    /// (<see cref="IpcConnection.Adopt{T}"/>).</summary>
    public IpcConnection Connection { get; }

    /// <summary>The request number log lines give the call (<c>IPC server executing request #N</c>).</summary>
    public int RequestNumber { get; }

    /// <summary>Signalled when the caller no longer wants the result (it cancelled, or the connection ended).</summary>
    public CancellationToken CancellationToken { get; }
}
