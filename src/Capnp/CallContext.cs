namespace Capnp;

/// <summary>A call arriving at a generated server method: typed parameters and results.</summary>
/// <typeparam name="TParams">The generated parameter struct reader.</typeparam>
/// <typeparam name="TResults">The generated result struct builder.</typeparam>
public readonly struct CallContext<TParams, TResults>
    where TParams : struct, IStructReader<TParams>
    where TResults : struct, IStructBuilder<TResults>
{
    /// <summary>Wraps the RPC layer's call.</summary>
    public CallContext(ICallContextHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Hook = hook;
    }

    /// <summary>The RPC layer's call.</summary>
    public ICallContextHook Hook { get; }

    /// <summary>The parameters.</summary>
    public TParams Params => Hook.Params.GetStruct<TParams>();

    /// <summary>The results to fill (initialised on first use).</summary>
    public TResults Results => Hook.Results.GetStruct<TResults>();

    /// <summary>Frees the parameters early; <see cref="Params"/> must not be read afterwards.</summary>
    public void ReleaseParams() => Hook.ReleaseParams();
}
