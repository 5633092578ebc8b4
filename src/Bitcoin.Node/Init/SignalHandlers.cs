using System.Runtime.InteropServices;
using Bitcoin.Node.Context;

namespace Bitcoin.Node.Init;

/// <summary>
/// The process signals a node answers (Core's <c>registerSignalHandler</c>): SIGTERM and SIGINT request a clean
/// shutdown, SIGHUP makes the logger reopen debug.log (for log rotation). SIGPIPE is already ignored by .NET.
/// </summary>
public static class SignalHandlers
{
    private static readonly Lock s_lock = new();
    private static readonly List<PosixSignalRegistration> s_registrations = [];

    /// <summary>Installs the handlers for <paramref name="node"/> (replacing earlier ones).</summary>
    public static void Register(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (s_lock)
        {
            Unregister();
            s_registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => RequestShutdown(node, context)));
            s_registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => RequestShutdown(node, context)));
            if (!OperatingSystem.IsWindows())
            {
                s_registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
                {
                    context.Cancel = true;
                    node.Logger.Reopen();
                }));
            }
        }
    }

    /// <summary>Removes the handlers (the default actions apply again).</summary>
    public static void Unregister()
    {
        lock (s_lock)
        {
            foreach (var registration in s_registrations)
                registration.Dispose();
            s_registrations.Clear();
        }
    }

    private static void RequestShutdown(NodeContext node, PosixSignalContext context)
    {
        // Keep the process alive: the main thread shuts down in order and exits with the node's status.
        context.Cancel = true;
        node.RequestShutdown();
    }
}
