namespace Capnp.Rpc.Internal;

/// <summary>The results a question got: a Return's payload, or the results of a call of ours the peer pointed the
/// question to (<c>takeFromOtherQuestion</c>).</summary>
internal interface IReturnedResults : IDisposable
{
    AnyPointerReader Results { get; }

    /// <summary>The capability at <paramref name="path"/> in the results, with a new reference.</summary>
    CapNode GetPipelinedNode(PipelinePath path);
}
