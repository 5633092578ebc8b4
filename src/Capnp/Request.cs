namespace Capnp;

/// <summary>A call being built by a generated client: fill <see cref="Params"/>, then <see cref="Send"/>.</summary>
/// <typeparam name="TParams">The generated parameter struct builder.</typeparam>
/// <typeparam name="TResults">The generated result struct reader.</typeparam>
public readonly struct Request<TParams, TResults> : IDisposable
    where TParams : struct, IStructBuilder<TParams>
    where TResults : struct, IStructReader<TResults>
{
    private readonly IRequestHook _hook;

    /// <summary>Wraps the RPC layer's request and initialises the parameter struct.</summary>
    public Request(IRequestHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        _hook = hook;
        Params = hook.Params.InitStruct<TParams>();
    }

    /// <summary>The parameters to fill.</summary>
    public TParams Params { get; }

    /// <summary>Starts a call on <paramref name="target"/>; a null capability cannot be called.</summary>
    public static Request<TParams, TResults> Create(IClientHook? target, ulong interfaceId, ushort methodId)
    {
        if (target is null)
            throw new InvalidOperationException("Cannot call a null capability.");
        return new Request<TParams, TResults>(target.NewCall(interfaceId, methodId));
    }

    /// <summary>Sends the call.</summary>
    public PendingCall<TResults> Send() => new(_hook.Send());

    /// <summary>Sends the call and waits for its results. Cancelling the wait drops the call (the RPC layer tells
    /// the callee with a Finish).</summary>
    public async ValueTask<Response<TResults>> CallAsync(CancellationToken cancellationToken = default)
    {
        // The answer is only needed until the results arrive: the response keeps what it needs.
        using var pending = Send();
        return await pending.GetResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the request (after sending, the answer lives on in the <see cref="PendingCall{TResults}"/>).</summary>
    public void Dispose() => _hook?.Dispose();
}
