namespace Capnp.Rpc.Internal;

/// <summary>The caller's handle on a call made in this process: its results when they exist, and the capabilities
/// in them before (pipelining). Disposing it before the call completes cancels the call unless pipelined
/// capabilities still wait on it.</summary>
internal sealed class LocalAnswer(LocalCall call) : IPromisedAnswer, IPipelineSource
{
    private LocalCall? _call = call;

    ~LocalAnswer() => Finalization.ReleaseLater(ref _call);

    private LocalCall Call => _call ?? throw new ObjectDisposedException(nameof(IPromisedAnswer));

    public async ValueTask<IResponseHook> GetResponseAsync(CancellationToken cancellationToken = default)
    {
        var call = Call;
        await call.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (call.Error is { } error)
            throw RpcErrors.ForCaller(error);
        call.AddRef();
        return new LocalResponse(call);
    }

    public IClientHook GetPipelinedCapability(PipelinePath path) => new CapabilityRef(GetPipelinedNode(path));

    public CapNode GetPipelinedNode(PipelinePath path) => Call.GetPipelinedNode(path);

    public void Dispose()
    {
        var call = Interlocked.Exchange(ref _call, null);
        if (call is null)
            return;
        GC.SuppressFinalize(this);
        call.Release();
    }
}
