namespace Capnp;

/// <summary>The answer to a sent call: its results when they arrive, and capabilities in them before they do
/// (promise pipelining). Disposing tells the callee the results are no longer needed.</summary>
public interface IPromisedAnswer : IDisposable
{
    /// <summary>Waits for the results; an error returned by the callee is thrown.</summary>
    ValueTask<IResponseHook> GetResponseAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A capability that will be the one found by following <paramref name="path"/> (pointer field indices) from
    /// the results struct; calls on it are sent before the results arrive.
    /// </summary>
    IClientHook GetPipelinedCapability(PipelinePath path);
}
