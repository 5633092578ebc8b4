namespace Capnp.Rpc.Internal;

/// <summary>The results of a call the peer sent us with <c>sendResultsTo.yourself</c>, taken as the answer to one
/// of our questions (<c>Return.takeFromOtherQuestion</c>). Holds a reference to the call.</summary>
internal sealed class RedirectedResults(RpcServerCall call) : IReturnedResults
{
    public AnyPointerReader Results => call.ResultsRoot;

    public CapNode GetPipelinedNode(PipelinePath path) => call.GetPipelinedNode(path);

    public void Dispose() => call.Release();
}
