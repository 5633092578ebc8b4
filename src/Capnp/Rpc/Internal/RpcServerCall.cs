using Capnp.Rpc.Protocol;
using Exception = System.Exception;

namespace Capnp.Rpc.Internal;

/// <summary>
/// A call the peer sent: its parameters are read in place from the Call message, its results are built straight
/// into the Return message (or, for <c>sendResultsTo.yourself</c>, into a message kept here for a question of ours
/// to take). Completion sends the Return through the connection.
/// </summary>
internal sealed class RpcServerCall : ServerCall
{
    private readonly object _resultsGate = new();
    private MessageBuilder? _results;
    private Payload.Builder _payload;
    private AnyPointerBuilder _content;
    private Dictionary<CapNode, CapNode>? _innermostAtReturn;

    public RpcServerCall(RpcConnectionState connection, uint answerId, ulong interfaceId, ushort methodId,
        AnyPointerReader parameters, IDisposable paramsOwner, bool redirectResults, bool onlyPromisePipeline)
        : base(interfaceId, methodId, parameters, paramsOwner)
    {
        Connection = connection;
        AnswerId = answerId;
        RedirectResults = redirectResults;
        OnlyPromisePipeline = onlyPromisePipeline;
    }

    public RpcConnectionState Connection { get; }

    public uint AnswerId { get; }

    /// <summary>The caller asked for the results to stay here (<c>sendResultsTo.yourself</c>).</summary>
    public bool RedirectResults { get; }

    /// <summary>The caller wants no Return, only to pipeline on the results.</summary>
    public bool OnlyPromisePipeline { get; }

    public override AnyPointerBuilder Results
    {
        get
        {
            lock (_resultsGate)
            {
                if (_results is null)
                {
                    _results = new MessageBuilder();
                    if (RedirectResults)
                    {
                        _content = _results.Root;
                    }
                    else
                    {
                        var ret = _results.InitRoot<Message.Builder>().InitReturn();
                        _payload = ret.InitResults();
                        _content = _payload.Content;
                    }
                }

                return _content;
            }
        }
    }

    /// <summary>The results read back in place.</summary>
    public AnyPointerReader ResultsRoot => ResultsReader;

    protected override AnyPointerReader ResultsReader
    {
        get
        {
            lock (_resultsGate)
                return _results is null ? default : _content.AsReader();
        }
    }

    /// <summary>
    /// Takes the Return message holding the results, for the connection to finish and send (null if the server
    /// never touched its results: the connection builds an empty one). The message stays owned by the call, which
    /// keeps it for pipelined calls until Finish.
    /// </summary>
    public (MessageBuilder Message, Payload.Builder Payload)? ReturnMessage
    {
        get
        {
            lock (_resultsGate)
                return _results is null || RedirectResults ? null : (_results, _payload);
        }
    }

    /// <summary>Remembers, for each capability returned, what it led to at return time: later pipelined calls and
    /// Disembargos addressed to the answer must go there even if a promise among them resolves elsewhere later
    /// (the protocol's rule against the Tribble 4-way race). Takes the references in the map.</summary>
    public void SetInnermostAtReturn(Dictionary<CapNode, CapNode> map)
    {
        lock (_resultsGate)
            _innermostAtReturn = map;
    }

    protected override CapNode ResultNode(PipelinePath path)
    {
        var node = base.ResultNode(path);
        Dictionary<CapNode, CapNode>? map;
        lock (_resultsGate)
            map = _innermostAtReturn;
        if (map is not null && map.TryGetValue(node, out var innermost) && innermost.TryAddRef())
        {
            node.Release();
            return innermost;
        }

        return node;
    }

    protected override void OnCompleted(Exception? error) => Connection.OnServerCallCompleted(this, error);

    protected override void FreeResults()
    {
        MessageBuilder? results;
        Dictionary<CapNode, CapNode>? map;
        lock (_resultsGate)
        {
            results = _results;
            map = _innermostAtReturn;
            _results = null;
            _innermostAtReturn = null;
        }

        if (map is not null)
        {
            foreach (var node in map.Values)
                node.Release();
        }

        results?.Dispose();
    }
}
