namespace Capnp;

/// <summary>The typed results of a call. Disposing releases the message holding them.</summary>
/// <typeparam name="TResults">The generated result struct reader.</typeparam>
public readonly struct Response<TResults> : IDisposable
    where TResults : struct, IStructReader<TResults>
{
    /// <summary>Wraps the RPC layer's response.</summary>
    public Response(IResponseHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Hook = hook;
    }

    /// <summary>The RPC layer's response.</summary>
    public IResponseHook Hook { get; }

    /// <summary>The results.</summary>
    public TResults Results => Hook.Results.GetStruct<TResults>();

    /// <summary>Releases the results message.</summary>
    public void Dispose() => Hook?.Dispose();
}
