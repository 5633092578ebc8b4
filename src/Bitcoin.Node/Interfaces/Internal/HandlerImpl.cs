using Bitcoin.Interfaces;

namespace Bitcoin.Node.Interfaces.Internal;

/// <summary>An <see cref="IHandler"/> that runs a clean-up action once (Core's CleanupHandler).</summary>
internal sealed class HandlerImpl(Action cleanup) : IHandler
{
    private Action? _cleanup = cleanup;

    /// <inheritdoc/>
    public void Disconnect() => Interlocked.Exchange(ref _cleanup, null)?.Invoke();

    /// <inheritdoc/>
    public void Dispose() => Disconnect();
}
