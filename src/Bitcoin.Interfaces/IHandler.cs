namespace Bitcoin.Interfaces;

/// <summary>
/// A registration (notifications, an RPC command, a callback) that stays in force until it is disconnected or
/// disposed (Core's <c>interfaces::Handler</c>). <see cref="IDisposable.Dispose"/> is the IPC <c>destroy</c> and also
/// disconnects.
/// </summary>
/// <remarks>
/// Disconnecting is idempotent and safe from any thread. Notifications already queued when it is called may still be
/// delivered afterwards (use <see cref="IChain.WaitForNotifications"/> to wait them out).
/// </remarks>
public interface IHandler : IDisposable
{
    /// <summary>Stops the registration; later calls do nothing.</summary>
    void Disconnect();
}
