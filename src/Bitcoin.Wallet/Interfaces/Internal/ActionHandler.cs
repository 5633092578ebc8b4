using Bitcoin.Interfaces;

namespace Bitcoin.Wallet.Interfaces.Internal;

/// <summary>An <see cref="IHandler"/> that runs its disconnect action once (on <see cref="Disconnect"/> or <see cref="Dispose"/>).</summary>
internal sealed class ActionHandler(Action disconnect) : IHandler
{
    private Action? _disconnect = disconnect;

    /// <inheritdoc/>
    public void Disconnect() => Interlocked.Exchange(ref _disconnect, null)?.Invoke();

    /// <inheritdoc/>
    public void Dispose() => Disconnect();
}
