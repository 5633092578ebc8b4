namespace Capnp.Rpc.Internal;

/// <summary>A call made in this process: parameters and results are messages of their own, never serialized.</summary>
internal sealed class LocalCall : ServerCall
{
    private readonly object _resultsGate = new();
    private MessageBuilder? _results;

    /// <summary>A call whose parameters are the root of <paramref name="parameters"/> (which the call now owns).</summary>
    public LocalCall(ulong interfaceId, ushort methodId, MessageBuilder parameters)
        : base(interfaceId, methodId, parameters.AsReader().Root, parameters)
    {
    }

    public override AnyPointerBuilder Results
    {
        get
        {
            lock (_resultsGate)
                return (_results ??= new MessageBuilder()).Root;
        }
    }

    /// <summary>The results read back in place.</summary>
    public AnyPointerReader ResultsRoot => ResultsReader;

    protected override AnyPointerReader ResultsReader
    {
        get
        {
            lock (_resultsGate)
                return _results is null ? default : _results.AsReader().Root;
        }
    }

    protected override void OnCompleted(Exception? error)
    {
        // The caller's answer watches Completion; nothing to send.
    }

    protected override void FreeResults()
    {
        MessageBuilder? results;
        lock (_resultsGate)
        {
            results = _results;
            _results = null;
        }

        results?.Dispose();
    }
}
