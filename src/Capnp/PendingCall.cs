namespace Capnp;

/// <summary>A sent call: its typed results when they arrive, and pipelined capabilities before.</summary>
/// <typeparam name="TResults">The generated result struct reader.</typeparam>
public readonly struct PendingCall<TResults> : IDisposable
    where TResults : struct, IStructReader<TResults>
{
    /// <summary>Wraps the RPC layer's answer.</summary>
    public PendingCall(IPromisedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Answer = answer;
    }

    /// <summary>The RPC layer's answer; generated <c>Pipeline</c> types take it to reach pipelined capabilities.</summary>
    public IPromisedAnswer Answer { get; }

    /// <summary>Waits for the results.</summary>
    public async ValueTask<Response<TResults>> GetResponseAsync(CancellationToken cancellationToken = default) =>
        new(await Answer.GetResponseAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Tells the callee the results are no longer needed.</summary>
    public void Dispose() => Answer?.Dispose();
}
