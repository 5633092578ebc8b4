namespace Capnp.Rpc.Internal;

/// <summary>A call or bootstrap request this side sent (the question table).</summary>
internal sealed class Question
{
    /// <summary>True from sending the Call until its Return arrives.</summary>
    public bool AwaitingReturn;

    /// <summary>The caller's side of the question; null once it has been let go (and Finish sent).</summary>
    public QuestionRef? SelfRef;

    /// <summary>Set when the Return said <c>noFinishNeeded</c> (or the peer never saw the question).</summary>
    public bool SkipFinish;

    /// <summary>Exports sent in the parameters, released if the Return says <c>releaseParamCaps</c>.</summary>
    public uint[] ParamExports = [];

    public ulong InterfaceId;
    public ushort MethodId;
    public bool IsBootstrap;
}

/// <summary>A call or bootstrap request the peer sent (the answer table, indexed by the peer's question id).</summary>
internal sealed class Answer
{
    /// <summary>Where pipelined calls on the answer go; null once Finish arrives (or the results had no capabilities).</summary>
    public IPipelineSource? Pipeline;

    /// <summary>The reference that keeps <see cref="Pipeline"/> alive.</summary>
    public RefCounted? PipelineOwner;

    /// <summary>The call, until its Return is sent.</summary>
    public RpcServerCall? Call;

    /// <summary>Exports sent in the results, released if Finish says <c>releaseResultCaps</c>.</summary>
    public uint[] ResultExports = [];

    /// <summary>Finish has arrived: the entry goes once the Return has been sent.</summary>
    public bool FinishReceived;
}

/// <summary>A capability this side sent to the peer (the export table).</summary>
internal sealed class Export
{
    /// <summary>How many times the id was sent and not yet released.</summary>
    public uint RefCount;

    /// <summary>The capability (a reference owned by the entry).</summary>
    public required CapNode Node;

    /// <summary>Non-null while the export is a promise whose resolution is awaited (identifies that wait).</summary>
    public object? Resolving;
}

/// <summary>A capability the peer sent (the import table). Points at its nodes without owning them.</summary>
internal sealed class Import
{
    public ImportNode? Node;

    /// <summary>The peer introduced the id as a promise (<c>senderPromise</c>): a Resolve for it is expected.</summary>
    public bool IsPromise;

    /// <summary>The node handed to the application: the import itself, or the promise wrapping it.</summary>
    public PromiseNode? Promise;
}

/// <summary>Calls held back until a Disembargo sent round the peer comes back (the embargo table).</summary>
internal sealed class Embargo
{
    /// <summary>The promise the calls queue on (a reference owned by the entry).</summary>
    public required QueuedNode Queue;

    /// <summary>What the promise resolves to when the embargo lifts (a reference owned by the entry).</summary>
    public required CapNode Target;
}
