using System.Net.Sockets;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>A listening socket with the permissions of its -whitebind (Core's ListenSocket).</summary>
internal sealed class Listener(Socket socket, ServiceAddress bound, NetPermissionFlags permissions) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _acceptTask = Task.CompletedTask;

    public ServiceAddress Bound { get; } = bound;

    public NetPermissionFlags Permissions { get; } = permissions;

    public void StartAccepting(ConnectionManager manager) => _acceptTask = Task.Run(() => AcceptLoopAsync(manager));

    private async Task AcceptLoopAsync(ConnectionManager manager)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                Log.Info($"socket error accept failed: {e.Message}");
                continue;
            }

            try
            {
                manager.AcceptConnection(accepted, Permissions);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Log.Debug(LogCategory.Net, $"connection dropped while being accepted: {e.Message}");
                accepted.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        socket.Dispose();
        try
        {
            _acceptTask.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ended with the socket.
        }

        _stop.Dispose();
    }
}
