namespace Capnp.Rpc.Internal;

/// <summary>The payload of a Return: the message, read in place, and the capabilities its table described.</summary>
internal sealed class RemoteResults(MessageReader message, AnyPointerReader results, IClientHook?[] caps) : IReturnedResults
{
    public AnyPointerReader Results { get; } = results;

    public CapNode GetPipelinedNode(PipelinePath path) => PipelineOps.NodeAt(Results, path);

    public void Dispose()
    {
        foreach (var cap in caps)
            cap?.Dispose();
        message.Dispose();
    }
}
