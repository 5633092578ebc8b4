namespace Capnp.Rpc.Internal;

/// <summary>
/// This side's hold on a question it sent: shared by the caller's answer handle, the response handles and the
/// pipelined capabilities still addressed to the answer. When the last goes, Finish is sent. Holds the response
/// once it arrives, and the promises for capabilities in it (memoized per path, so that every call through the
/// same path shares one embargo). Members other than the reference counting run under the connection's lock.
/// </summary>
internal sealed class QuestionRef(RpcConnectionState connection, uint id) : RefCounted
{
    private readonly TaskCompletionSource _returned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<PipelinePath, PromiseNode>? _pipelined;

    public RpcConnectionState Connection { get; } = connection;

    public uint Id { get; } = id;

    /// <summary>The results, once returned (owned here until the question is let go).</summary>
    public IReturnedResults? Response { get; private set; }

    /// <summary>The failure, once the question failed.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Set (under the connection's lock) once the question has been let go: results arriving later are
    /// dropped at once.</summary>
    public bool IsFinished { get; set; }

    /// <summary>Completes (successfully) when the question returned or failed.</summary>
    public Task Returned => _returned.Task;

    /// <summary>The capability at <paramref name="path"/> of the answer, with a new reference.</summary>
    public CapNode GetPipelinedNode(PipelinePath path)
    {
        if (Error is { } error)
            return new BrokenNode(error);
        if (Response is { } response)
            return response.GetPipelinedNode(path);
        _pipelined ??= [];
        if (_pipelined.TryGetValue(path, out var existing) && existing.TryAddRef())
            return existing;
        AddRef();
        var node = new PromiseNode(Connection, new PipelineNode(Connection, this, path), importId: null);
        _pipelined[path] = node;
        return node;
    }

    /// <summary>The answer arrived: promises for capabilities in it resolve to them.</summary>
    public void Fulfil(IReturnedResults response)
    {
        if (IsFinished)
        {
            Connection.DisposeLater(response);
            return;
        }

        Response = response;
        foreach (var (path, node) in TakePipelined())
            node.Resolve(response.GetPipelinedNode(path));
        Connection.After(() => _returned.TrySetResult());
    }

    /// <summary>The question failed: promises for capabilities in the answer break with the same error.</summary>
    public void Reject(Exception error)
    {
        Error = error;
        foreach (var (_, node) in TakePipelined())
            node.Resolve(new BrokenNode(error));
        Connection.After(() => _returned.TrySetResult());
    }

    /// <summary>Takes the results out, for the connection to free once the question is let go.</summary>
    public IReturnedResults? TakeResponse()
    {
        var response = Response;
        Response = null;
        return response;
    }

    protected override void OnLastRelease() => Connection.OnQuestionReleased(this);

    private List<(PipelinePath, PromiseNode)> TakePipelined()
    {
        var live = new List<(PipelinePath, PromiseNode)>();
        if (_pipelined is null)
            return live;
        foreach (var (path, node) in _pipelined)
        {
            // Dead entries are promises everyone has let go of; the rest stay alive while they resolve.
            if (node.TryAddRef())
            {
                live.Add((path, node));
                Connection.ReleaseLater(node);
            }
        }

        _pipelined = null;
        return live;
    }
}
