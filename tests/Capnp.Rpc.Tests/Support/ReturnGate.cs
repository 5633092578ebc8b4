namespace Capnp.Rpc.Tests.Support;

/// <summary>
/// A message observer that holds a connection's receive loop at the Return of one method until the test opens the
/// gate, so that a test can make calls on a promise that are sure to go out before the promise resolves (on one
/// machine the answer can otherwise be back before the test's next line runs). Records every message it sees.
/// </summary>
internal sealed class ReturnGate(ushort methodId)
{
    private readonly ManualResetEventSlim _open = new();
    private readonly List<RpcMessageEvent> _events = [];

    public void Open() => _open.Set();

    public void Observe(RpcMessageEvent e)
    {
        lock (_events)
            _events.Add(e);
        if (e.Direction == RpcMessageDirection.Received && e.Kind == RpcMessageKind.Return && e.HasMethod && e.MethodId == methodId)
        {
            // A deadline rather than a hang if the test never opens the gate.
            _open.Wait(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>The directions of the Disembargo messages seen, in order.</summary>
    public List<RpcMessageDirection> Disembargoes()
    {
        lock (_events)
            return [.. _events.Where(e => e.Kind == RpcMessageKind.Disembargo).Select(e => e.Direction)];
    }
}
