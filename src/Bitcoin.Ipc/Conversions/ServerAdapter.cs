using Capnp;
using Multiprocess;

namespace Bitcoin.Ipc.Conversions;

/// <summary>What every server adapter does with its <see cref="IpcServerObject{T}"/>: run calls on the caller's
/// thread, destroy on <c>destroy</c>, release when the peer drops the capability.</summary>
/// <typeparam name="T">The implementation's interface.</typeparam>
internal readonly struct ServerAdapter<T>(IpcServerObject<T> self)
    where T : class
{
    public IpcServerObject<T> Self { get; } = self ?? throw new ArgumentNullException(nameof(self));

    public T Impl => Self.Impl;

    public IpcConnection Connection => Self.Connection;

    /// <summary>Runs <paramref name="body"/> for the call on the thread its Context names.</summary>
    public ValueTask Run<TParams, TResults>(CallContext<TParams, TResults> call, Multiprocess.Capnp.Context context,
        CancellationToken cancellationToken, Action<T, IpcCall<TParams, TResults>> body)
        where TParams : struct, IStructReader<TParams>
        where TResults : struct, IStructBuilder<TResults>
    {
        var self = Self;
        return self.Connection.RunAsync(call, context, cancellationToken, c => body(self.Impl, c));
    }

    /// <summary>The interface's <c>destroy</c>: releases the implementation now.</summary>
    public ValueTask Destroy<TParams, TResults>(CallContext<TParams, TResults> call, Multiprocess.Capnp.Context context, CancellationToken cancellationToken)
        where TParams : struct, IStructReader<TParams>
        where TResults : struct, IStructBuilder<TResults>
    {
        var self = Self;
        return self.Connection.RunAsync(call, context, cancellationToken, _ => self.Destroy());
    }
}
