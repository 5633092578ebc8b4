namespace Capnp.Rpc.Internal;

/// <summary>The answer to a call that could not be sent (the connection was already lost).</summary>
internal sealed class BrokenAnswer(Exception error) : IPromisedAnswer, IPipelineSource
{
    public ValueTask<IResponseHook> GetResponseAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromException<IResponseHook>(error);

    public IClientHook GetPipelinedCapability(PipelinePath path) => new CapabilityRef(GetPipelinedNode(path));

    public CapNode GetPipelinedNode(PipelinePath path) => new BrokenNode(error);

    public void Dispose()
    {
    }
}
