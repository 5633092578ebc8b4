namespace Multiprocess;

/// <summary>
/// An implementation object served to the peer of one connection (what a server adapter wraps). It is disposed,
/// when it is <see cref="IDisposable"/>, exactly once: by the interface's <c>destroy</c> method
/// (<see cref="Destroy"/>), when the adapter is disposed because the peer released it (<see cref="Dispose"/>),
/// or, when the connection is lost, together with every other object of that connection in reverse order of
/// creation once the calls still running on them have finished.
/// </summary>
/// <typeparam name="T">The implementation's type.</typeparam>
public sealed class IpcServerObject<T> : IDisposable, Internal.IServerObject
    where T : class
{
    private readonly bool _owned;
    private T? _impl;

    internal IpcServerObject(IpcConnection connection, T impl, bool owned)
    {
        Connection = connection;
        _impl = impl;
        _owned = owned;
    }

    /// <summary>The connection the object is served over.</summary>
    public IpcConnection Connection { get; }

    /// <summary>The implementation; after it was destroyed, an <see cref="ObjectDisposedException"/>.</summary>
    public T Impl => Volatile.Read(ref _impl) ?? throw new ObjectDisposedException(typeof(T).Name, "The IPC object was destroyed.");

    /// <summary>True once the implementation has been released.</summary>
    public bool IsDestroyed => Volatile.Read(ref _impl) is null;

    /// <summary>Releases the implementation now (the interface's <c>destroy</c> method).</summary>
    public void Destroy() => Connection.ReleaseServerObject(this, disconnecting: false);

    /// <summary>Releases the implementation (call from the adapter's own <c>Dispose</c>): at once, or, while the
    /// connection is being torn down, in reverse order of creation with the connection's other objects.</summary>
    public void Dispose() => Connection.ReleaseServerObject(this, disconnecting: !Connection.IsConnected);

    void Internal.IServerObject.DisposeImplementation()
    {
        var impl = Interlocked.Exchange(ref _impl, null);
        if (_owned && impl is IDisposable disposable)
            disposable.Dispose();
    }

    string Internal.IServerObject.Describe() => typeof(T).Name;
}
