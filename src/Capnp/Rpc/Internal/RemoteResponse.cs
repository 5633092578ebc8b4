namespace Capnp.Rpc.Internal;

/// <summary>The caller's handle on the results of a question; holds the question (so Finish waits for it).</summary>
internal sealed class RemoteResponse : IResponseHook
{
    private QuestionRef? _question;
    private readonly AnyPointerReader _results;

    public RemoteResponse(QuestionRef question)
    {
        _question = question;
        _results = question.Response!.Results;
    }

    ~RemoteResponse() => Finalization.ReleaseLater(ref _question);

    public AnyPointerReader Results =>
        _question is null ? throw new ObjectDisposedException(nameof(IResponseHook)) : _results;

    public void Dispose()
    {
        var question = Interlocked.Exchange(ref _question, null);
        if (question is null)
            return;
        GC.SuppressFinalize(this);
        question.Release();
    }
}
