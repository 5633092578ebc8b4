using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Rpc.Internal;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// The command table and dispatcher (Core's CRPCTable plus the warm-up and running state of rpc/server.cpp).
/// A process creates one, registers its commands (the node its own, the wallet its own), hands it to the HTTP server,
/// and calls <see cref="SetWarmupFinished"/> when start-up is done; until then every call gets -28 with the status.
/// All members are thread-safe.
/// </summary>
public sealed class RpcCommandTable
{
    private readonly object _lock = new();
    private readonly SortedDictionary<string, List<RpcCommand>> _commands = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Method, long StartTicks)> _active = new();
    private bool _inWarmup = true;
    private string _warmupStatus = "RPC server started";
    private volatile bool _running = true;

    /// <summary>Adds a documented method under <paramref name="category"/> (e.g. "blockchain").</summary>
    public RpcCommand Register(string category, RpcMethod method)
    {
        var command = new RpcCommand(category, method);
        Register(command);
        return command;
    }

    /// <summary>
    /// Adds a command. Several commands may share a name: they are tried in registration order until one handles
    /// the call (see <see cref="RpcActor"/>).
    /// </summary>
    public void Register(RpcCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_lock)
        {
            if (!_commands.TryGetValue(command.Name, out var list)) _commands[command.Name] = list = new List<RpcCommand>();
            list.Add(command);
        }
    }

    /// <summary>Removes a previously registered command; false if it was not registered.</summary>
    public bool Remove(RpcCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_lock)
        {
            if (!_commands.TryGetValue(command.Name, out var list) || !list.Remove(command)) return false;
            if (list.Count == 0) _commands.Remove(command.Name);
            return true;
        }
    }

    /// <summary>The registered command names, sorted.</summary>
    public IReadOnlyList<string> ListCommands()
    {
        lock (_lock) return _commands.Keys.ToList();
    }

    /// <summary>The first command registered under <paramref name="name"/>, or null.</summary>
    public RpcCommand? Find(string name)
    {
        lock (_lock) return _commands.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : null;
    }

    /// <summary>Sets the text of the -28 error answered during start-up ("Loading block index…", "Verifying blocks…").</summary>
    public void SetWarmupStatus(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_lock) _warmupStatus = status;
    }

    /// <summary>Enters warm-up again (calls get -28 until <see cref="SetWarmupFinished"/>).</summary>
    public void SetWarmupStarting()
    {
        lock (_lock) _inWarmup = true;
    }

    /// <summary>Ends warm-up: calls are executed from now on.</summary>
    public void SetWarmupFinished()
    {
        lock (_lock) _inWarmup = false;
    }

    /// <summary>True while in warm-up; <paramref name="status"/> gets the current status text.</summary>
    public bool IsInWarmup(out string status)
    {
        lock (_lock)
        {
            status = _warmupStatus;
            return _inWarmup;
        }
    }

    /// <summary>False once <see cref="Interrupt"/> was called (shutdown started).</summary>
    public bool IsRunning => _running;

    /// <summary>Marks RPC as shutting down: long-running commands calling <see cref="InterruptionPoint"/> stop.</summary>
    public void Interrupt()
    {
        if (_running) Log.Debug(LogCategory.Rpc, "Interrupting RPC");
        _running = false;
    }

    /// <summary>Throws -9 "Shutting down" once the table was interrupted (Core's RpcInterruptionPoint).</summary>
    public void InterruptionPoint()
    {
        if (!_running) throw new RpcException(RpcErrorCode.ClientNotConnected, "Shutting down");
    }

    /// <summary>Commands now running and for how long (for getrpcinfo), oldest first.</summary>
    public IReadOnlyList<(string Method, TimeSpan Duration)> ActiveCommands()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock) return _active.Select(a => (a.Method, Stopwatch.GetElapsedTime(a.StartTicks, now))).ToList();
    }

    /// <summary>
    /// Executes a parsed request: -28 with the status during warm-up, -32601 "Method not found" for unknown methods,
    /// named parameters placed by position, and exceptions mapped as Core maps them (<see cref="RpcException"/> as is,
    /// <see cref="JsonTypeException"/> to -3, anything else — including a wrong argument count, which reports the
    /// usage — to -1 with its message). Throws <see cref="RpcException"/> on error.
    /// </summary>
    public async ValueTask<JsonNode?> ExecuteAsync(RpcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (_inWarmup) throw new RpcException(RpcErrorCode.InWarmup, _warmupStatus);
        }

        RpcCommand[] handlers;
        lock (_lock) handlers = _commands.TryGetValue(request.Method, out var list) ? list.ToArray() : Array.Empty<RpcCommand>();
        for (int i = 0; i < handlers.Length; i++)
        {
            var (handled, result) = await ExecuteCommandAsync(handlers[i], request, i == handlers.Length - 1).ConfigureAwait(false);
            if (handled) return result;
        }
        throw new RpcException(RpcErrorCode.MethodNotFound, "Method not found");
    }

    /// <summary>
    /// Runs a request and builds the reply object, catching errors into it when <paramref name="catchErrors"/>
    /// (Core's JSONRPCExec); otherwise errors propagate as <see cref="RpcException"/>.
    /// </summary>
    public async ValueTask<JsonObject> ExecuteToReplyAsync(RpcRequest request, bool catchErrors)
    {
        JsonNode? result;
        if (catchErrors)
        {
            try
            {
                result = await ExecuteAsync(request).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                return JsonRpc.Reply(null, e.ToJson(), request.Id, request.HasId, request.Version);
            }
        }
        else
        {
            result = await ExecuteAsync(request).ConfigureAwait(false);
        }
        return JsonRpc.Reply(result, null, request.Id, request.HasId, request.Version);
    }

    private async ValueTask<RpcActorResult> ExecuteCommandAsync(RpcCommand command, RpcRequest request, bool lastHandler)
    {
        LinkedListNode<(string, long)> node;
        lock (_lock) node = _active.AddLast((request.Method, Stopwatch.GetTimestamp()));
        try
        {
            var effective = request.Params is JsonObject named
                ? request.With(NamedArguments.Transform(named, command.ArgNames))
                : request;
            return await command.Actor(effective, lastHandler).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (JsonTypeException e)
        {
            throw new RpcException(RpcErrorCode.TypeError, e.Message);
        }
        catch (Exception e)
        {
            throw new RpcException(RpcErrorCode.MiscError, e.Message);
        }
        finally
        {
            lock (_lock) _active.Remove(node);
        }
    }

    /// <summary>
    /// The text of <c>help</c> (Core's CRPCTable::help): with no command, the first line of every non-hidden command
    /// grouped under "== Category ==" headers; with a command, its full help; "help: unknown command: X" otherwise.
    /// </summary>
    public async ValueTask<string> HelpAsync(string command, RpcRequest helpRequest)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(helpRequest);
        List<(string Key, RpcCommand Command)> sorted;
        lock (_lock)
            sorted = _commands.Select(kv => (kv.Value[0].Category + kv.Key, kv.Value[0])).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();

        var sb = new StringBuilder();
        string category = "";
        var done = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var (_, cmd) in sorted)
        {
            if ((command.Length != 0 || cmd.Category == "hidden") && cmd.Name != command) continue;
            if (!done.Add(cmd.UniqueId)) continue;
            var request = helpRequest.With(new JsonArray());
            request.Method = cmd.Name;
            request.Mode = RpcRequestMode.GetHelp;
            string text;
            try
            {
                await cmd.Actor(request, true).ConfigureAwait(false);
                continue;
            }
            catch (RpcHelpResult e)
            {
                text = e.Message;
            }
            if (command.Length == 0)
            {
                int nl = text.IndexOf('\n');
                if (nl >= 0) text = text[..nl];
                if (category != cmd.Category)
                {
                    if (category.Length != 0) sb.Append('\n');
                    category = cmd.Category;
                    sb.Append("== ").Append(Capitalize(category)).Append(" ==\n");
                }
            }
            sb.Append(text).Append('\n');
        }
        if (sb.Length == 0) sb.Append("help: unknown command: ").Append(command).Append('\n');
        return sb.ToString(0, sb.Length - 1);
    }

    /// <summary>Every command's argument map rows (for <c>help dump_all_command_conversions</c>).</summary>
    public async ValueTask<JsonArray> DumpArgMapAsync(RpcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<RpcCommand[]> all;
        lock (_lock) all = _commands.Values.Select(l => l.ToArray()).ToList();
        var ret = new JsonArray();
        foreach (var handlers in all)
        {
            var argsRequest = request.With(new JsonArray());
            argsRequest.Mode = RpcRequestMode.GetArgs;
            argsRequest.Method = handlers[0].Name;
            for (int i = 0; i < handlers.Length; i++)
            {
                var (handled, result) = await ExecuteCommandAsync(handlers[i], argsRequest, i == handlers.Length - 1).ConfigureAwait(false);
                if (!handled) continue;
                if (result is JsonArray rows)
                    foreach (var row in rows.ToList()) ret.Add(row.Detached());
                break;
            }
        }
        return ret;
    }

    /// <summary>
    /// Runs a parsed JSON-RPC body — one request object or a batch — exactly as the HTTP server does (Core's
    /// ExecuteHTTPRPC), for callers that do not come over HTTP: the IPC <c>executeRpc</c> of bitcoin-cli -ipcconnect
    /// and the GUI console. Returns the HTTP status the server would answer and the reply (null for 204).
    /// </summary>
    public async Task<JsonRpcReply> ExecuteJsonRpcAsync(JsonNode? body, string uri, string authUser, object? context = null,
        CancellationToken cancellationToken = default)
    {
        var request = new RpcRequest { Uri = uri ?? "", AuthUser = authUser ?? "", Context = context, CancellationToken = cancellationToken };
        var (status, reply) = await new Http.HttpRpcProcessor(this, null).ProcessAsync(body, request).ConfigureAwait(false);
        return new JsonRpcReply(status, reply);
    }

    /// <summary>
    /// The OpenRPC 1.4.1 document of every documented command (getopenrpcinfo, rpc.discover): hidden commands and
    /// arguments only with <paramref name="includeHidden"/>.
    /// </summary>
    public JsonObject BuildOpenRpcDocument(bool includeHidden)
    {
        List<RpcCommand> first;
        lock (_lock) first = _commands.Values.Where(l => l.Count > 0).Select(l => l[0]).ToList();
        return OpenRpcSchema.Document(first, includeHidden);
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
