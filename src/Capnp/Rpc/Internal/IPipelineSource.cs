namespace Capnp.Rpc.Internal;

/// <summary>Something whose results will hold capabilities that calls can be addressed to before the results exist
/// (promise pipelining): a call being answered, a question asked over a connection.</summary>
internal interface IPipelineSource
{
    /// <summary>The capability at <paramref name="path"/> in the results, now or once they exist; the caller owns
    /// the returned reference.</summary>
    CapNode GetPipelinedNode(PipelinePath path);
}
