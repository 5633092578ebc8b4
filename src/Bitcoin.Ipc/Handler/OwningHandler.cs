using Bitcoin.Interfaces;

namespace Bitcoin.Ipc.Handler;

/// <summary>
/// A registration that also owns the proxy it registered (the peer's notifications or RPC actor): disposing it ends
/// the registration, then releases the proxy, so the peer's object is freed when the registration is.
/// </summary>
internal sealed class OwningHandler(IHandler inner, IDisposable owned) : IHandler
{
    private int _disposed;

    public void Disconnect() => inner.Disconnect();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            inner.Dispose();
        }
        finally
        {
            owned.Dispose();
        }
    }
}
