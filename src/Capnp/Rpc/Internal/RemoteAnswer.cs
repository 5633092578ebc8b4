namespace Capnp.Rpc.Internal;

/// <summary>The caller's handle on a question sent over a connection.</summary>
internal sealed class RemoteAnswer(QuestionRef question) : IPromisedAnswer, IPipelineSource
{
    private QuestionRef? _question = question;

    ~RemoteAnswer() => Finalization.ReleaseLater(ref _question);

    private QuestionRef Question => _question ?? throw new ObjectDisposedException(nameof(IPromisedAnswer));

    public async ValueTask<IResponseHook> GetResponseAsync(CancellationToken cancellationToken = default)
    {
        var question = Question;
        await question.Returned.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (question.Error is { } error)
            throw error;
        question.AddRef();
        return new RemoteResponse(question);
    }

    public IClientHook GetPipelinedCapability(PipelinePath path) => new CapabilityRef(GetPipelinedNode(path));

    public CapNode GetPipelinedNode(PipelinePath path)
    {
        var question = Question;
        using (question.Connection.Lock())
            return question.GetPipelinedNode(path);
    }

    public void Dispose()
    {
        var question = Interlocked.Exchange(ref _question, null);
        if (question is null)
            return;
        GC.SuppressFinalize(this);
        question.Release();
    }
}
