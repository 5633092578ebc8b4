namespace Capnp.Rpc.Internal;

/// <summary>The results of a call made in this process, read in place from the call's results message.</summary>
internal sealed class LocalResponse(LocalCall call) : IResponseHook
{
    private LocalCall? _call = call;

    ~LocalResponse() => Finalization.ReleaseLater(ref _call);

    public AnyPointerReader Results => (_call ?? throw new ObjectDisposedException(nameof(IResponseHook))).ResultsRoot;

    public void Dispose()
    {
        var call = Interlocked.Exchange(ref _call, null);
        if (call is null)
            return;
        GC.SuppressFinalize(this);
        call.Release();
    }
}
