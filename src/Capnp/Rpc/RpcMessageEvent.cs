namespace Capnp.Rpc;

/// <summary>
/// One RPC message, as a connection's <see cref="RpcConnectionOptions.MessageObserver"/> sees it: enough for a log line
/// such as <c>IPC server recv request #3 Init.construct$Params</c>. The <see cref="Content"/> reader is only valid
/// during the callback.
/// </summary>
public readonly struct RpcMessageEvent
{
    internal RpcMessageEvent(RpcMessageDirection direction, RpcMessageKind kind, uint id, ulong interfaceId,
        ushort methodId, bool hasMethod, AnyPointerReader content, string? reason)
    {
        Direction = direction;
        Kind = kind;
        Id = id;
        InterfaceId = interfaceId;
        MethodId = methodId;
        HasMethod = hasMethod;
        Content = content;
        Reason = reason;
    }

    /// <summary>Sent or received.</summary>
    public RpcMessageDirection Direction { get; }

    /// <summary>The message's kind.</summary>
    public RpcMessageKind Kind { get; }

    /// <summary>
    /// The question id for Bootstrap, Call, Return and Finish (the caller's numbering: a Call and its Return carry
    /// the same id), the export id for Resolve and Release, the embargo id for Disembargo.
    /// </summary>
    public uint Id { get; }

    /// <summary>The interface called (Call, and the Return and Finish of a call; see <see cref="HasMethod"/>).</summary>
    public ulong InterfaceId { get; }

    /// <summary>The method called (see <see cref="HasMethod"/>).</summary>
    public ushort MethodId { get; }

    /// <summary>True when the message belongs to a known method call.</summary>
    public bool HasMethod { get; }

    /// <summary>A call's parameters or a Return's results (a null pointer for other messages); valid only during the
    /// callback.</summary>
    public AnyPointerReader Content { get; }

    /// <summary>The exception reason of an Abort or a failed Return.</summary>
    public string? Reason { get; }

    /// <summary>True for a Return carrying an exception.</summary>
    public bool IsException => Kind == RpcMessageKind.Return && Reason is not null;

    /// <summary>The schema name of the parameters (Call) or results (Return) struct, such as
    /// <c>Init.construct$Params</c>; null for other messages.</summary>
    public string? SchemaName => HasMethod && Kind is RpcMessageKind.Call or RpcMessageKind.Return
        ? RpcSchemaRegistry.StructName(InterfaceId, MethodId, results: Kind == RpcMessageKind.Return)
        : null;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(Direction == RpcMessageDirection.Sent ? "send" : "recv")} {Kind} #{Id}{(SchemaName is { } name ? " " + name : "")}{(Reason is { } r ? ": " + r : "")}";
}
