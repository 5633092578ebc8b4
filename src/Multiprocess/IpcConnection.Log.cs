using Capnp;
using Capnp.Rpc;
using Multiprocess.Capnp;
using Multiprocess.Internal;

namespace Multiprocess;

public sealed partial class IpcConnection
{
    // Request numbers count every request this process serves, over all connections, as libmultiprocess's do.
    private static int s_serverRequests;

    [ThreadStatic]
    private static (IpcConnection Connection, int Number, string Name)? t_lastReceived;

    private readonly Dictionary<uint, (int Number, string Name)> _requestNumbers = new();

    /// <summary>Writes a line when its level is enabled (lines carry their own thread prefix).</summary>
    internal void Log(IpcLogLevel level, string message)
    {
        if (_logger.IsEnabled(level))
            _logger.Log(level, message);
    }

    internal bool IsLogEnabled(IpcLogLevel level) => _logger.IsEnabled(level);

    private string CurrentThreadName => ThreadNames.Current(ExeName);

    private void LogClientSend(ThreadContext thread, string name, StructReader contents)
    {
        if (_logger.IsEnabled(IpcLogLevel.Debug))
            _logger.Log(IpcLogLevel.Debug, $"{{{thread.Name}}} IPC client send {name}");
        if (_logger.IsEnabled(IpcLogLevel.Trace))
            _logger.Log(IpcLogLevel.Trace, $"send data: {MessageText.Describe(contents, name, _maxTraceChars)}");
    }

    private void LogClientRecv(ThreadContext thread, string name, AnyPointerReader contents)
    {
        if (_logger.IsEnabled(IpcLogLevel.Debug))
            _logger.Log(IpcLogLevel.Debug, $"{{{thread.Name}}} IPC client recv {name}");
        if (_logger.IsEnabled(IpcLogLevel.Trace))
            _logger.Log(IpcLogLevel.Trace, $"recv data: {MessageText.Describe(contents, name, _maxTraceChars)}");
    }

    /// <summary>Sees every message of the RPC connection: numbers the requests this side serves and logs their
    /// arrival and answer (the thread-mapping interfaces themselves are not logged, as in libmultiprocess).</summary>
    private void Observe(RpcMessageEvent message)
    {
        if (!message.HasMethod || message.InterfaceId is ThreadMap.InterfaceId or Capnp.Thread.InterfaceId)
            return;
        if (message.Kind == RpcMessageKind.Call && message.Direction == RpcMessageDirection.Received)
        {
            int number = Interlocked.Increment(ref s_serverRequests);
            var name = message.SchemaName ?? "";
            lock (_requestNumbers)
                _requestNumbers[message.Id] = (number, name);
            t_lastReceived = (this, number, name);
            if (_logger.IsEnabled(IpcLogLevel.Debug))
                _logger.Log(IpcLogLevel.Debug, $"{{{CurrentThreadName}}} IPC server recv request  #{number} {name}");
            if (_logger.IsEnabled(IpcLogLevel.Trace))
                _logger.Log(IpcLogLevel.Trace, $"{{{CurrentThreadName}}} request data: {MessageText.Describe(message, _maxTraceChars)}");
        }
        else if (message.Kind == RpcMessageKind.Return && message.Direction == RpcMessageDirection.Sent)
        {
            (int Number, string Name) request;
            lock (_requestNumbers)
            {
                if (!_requestNumbers.Remove(message.Id, out request))
                    return;
            }

            var name = message.SchemaName ?? "";
            if (message.IsException)
            {
                Log(IpcLogLevel.Error, $"{{{CurrentThreadName}}} IPC server error request #{request.Number} {name} {message.Reason}");
                return;
            }

            if (_logger.IsEnabled(IpcLogLevel.Debug))
                _logger.Log(IpcLogLevel.Debug, $"{{{CurrentThreadName}}} IPC server send response #{request.Number} {name}");
            if (_logger.IsEnabled(IpcLogLevel.Trace))
                _logger.Log(IpcLogLevel.Trace, $"{{{CurrentThreadName}}} response data: {MessageText.Describe(message, _maxTraceChars)}");
        }
    }

    /// <summary>The number the receive loop gave the request now being dispatched to a server method (a call is
    /// dispatched on the thread that received it, right after it was observed); a new number when the call was
    /// held back (queued on a promise) and another message came between.</summary>
    private int TakeRequestNumber(string paramsName)
    {
        if (t_lastReceived is { } last && ReferenceEquals(last.Connection, this) && last.Name == paramsName)
        {
            t_lastReceived = null;
            return last.Number;
        }

        return Interlocked.Increment(ref s_serverRequests);
    }
}
