namespace Capnp.Rpc.Internal;

/// <summary>The pipeline of a bootstrap answer: its results are the capability itself (the empty path).</summary>
internal sealed class SingleCapPipeline(CapNode node) : RefCounted, IPipelineSource
{
    public CapNode GetPipelinedNode(PipelinePath path)
    {
        if (!path.Fields.IsEmpty)
            return new BrokenNode(new RpcException("Invalid pipeline transform."));
        node.AddRef();
        return node;
    }

    protected override void OnLastRelease() => node.Release();
}
