namespace Bitcoin.Interfaces;

/// <summary>
/// A client the node starts and stops with itself, such as the wallet (Core's <c>interfaces::ChainClient</c>, the IPC
/// <c>ChainClient</c>). The node calls, in order: <see cref="RegisterRpcs"/>, <see cref="Verify"/>,
/// <see cref="Load"/>, <see cref="Start"/>, and at shutdown <see cref="Stop"/>; <see cref="IDisposable.Dispose"/>
/// (the IPC <c>destroy</c>) releases the client after that.
/// </summary>
public interface IChainClient : IDisposable
{
    /// <summary>Registers the client's RPC commands with the node (through <see cref="IChain.HandleRpc"/>).</summary>
    void RegisterRpcs();

    /// <summary>Checks the client's options and files before loading; false (after reporting through <see cref="IChain.InitError"/>) stops start-up.</summary>
    bool Verify();

    /// <summary>Loads saved state (the wallets named by -wallet and settings.json); false (after reporting) stops start-up.</summary>
    bool Load();

    /// <summary>
    /// Starts background work. The client keeps its own timers (Core passes the node's scheduler in one process and a
    /// placeholder across processes).
    /// </summary>
    void Start();

    /// <summary>Stops background work and saves state (the node calls it before it stops sending notifications).</summary>
    void Stop();

    /// <summary>Sets the client's mock time in seconds since the epoch; 0 turns mocking off (for tests, Core's <c>setmocktime</c>).</summary>
    void SetMockTime(long time);

    /// <summary>Runs the client's scheduled tasks as if <paramref name="deltaSeconds"/> had passed (for tests, Core's <c>mockscheduler</c>).</summary>
    void SchedulerMockForward(long deltaSeconds);
}
