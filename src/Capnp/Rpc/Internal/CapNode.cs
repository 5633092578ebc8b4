namespace Capnp.Rpc.Internal;

/// <summary>
/// A capability as the RPC layer holds it: a local server, a promise, a broken capability, or an object reached over
/// a connection (import, pipelined answer, remote promise). Shared by every reference to it (<see cref="CapabilityRef"/>
/// handles, messages' capability tables, connection tables), which is also what makes a capability exported twice
/// get the same export id.
/// </summary>
internal abstract class CapNode : RefCounted
{
    /// <summary>The connection the node reaches its object over, or null for a node served in this process
    /// (C++'s "brand"): a node of the connection it is sent over travels as <c>receiverHosted</c>/<c>receiverAnswer</c>.</summary>
    public virtual RpcConnectionState? Connection => null;

    /// <summary>What a promise has resolved to (null while unresolved, and for settled capabilities).</summary>
    public virtual CapNode? Resolved => null;

    /// <summary>For a promise not yet resolved: completes once <see cref="Resolved"/> is set and every call queued
    /// on the promise has been passed on. Null for settled capabilities.</summary>
    public virtual Task? WhenMoreResolved => null;

    /// <summary>True for a capability that only fails (broken or null): resolving to it never needs an embargo.</summary>
    public virtual bool IsBroken => false;

    /// <summary>Starts a call whose parameters the caller builds.</summary>
    public abstract IRequestHook NewRequest(ulong interfaceId, ushort methodId);

    /// <summary>Delivers a call whose parameters already exist; the node eventually completes it.</summary>
    public abstract void Deliver(ServerCall call);

    /// <summary>The node a hook refers to, with a new reference the caller owns.</summary>
    public static CapNode FromHook(IClientHook hook)
    {
        if (hook is CapabilityRef reference)
            return reference.NodeWithReference();
        return new ForeignHookNode(hook.AddRef());
    }

    /// <summary>Follows resolved promises to the node calls currently end up at (no new reference).</summary>
    public CapNode Innermost()
    {
        var node = this;
        while (node.Resolved is { } next)
            node = next;
        return node;
    }

    /// <summary>Completes once the node (following resolutions) is no longer a promise.</summary>
    public async Task WhenFullyResolvedAsync()
    {
        var node = this;
        while (true)
        {
            if (node.Resolved is { } next)
            {
                node = next;
                continue;
            }

            if (node.WhenMoreResolved is not { } more)
                return;
            await more.ConfigureAwait(false);
        }
    }

    /// <summary>Forwards a call to this node by copying its parameters into a new request, and its results back.</summary>
    protected void Forward(ServerCall call)
    {
        IPromisedAnswer answer;
        try
        {
            using var request = NewRequest(call.InterfaceId, call.MethodId);
            request.Params.SetFrom(call.Params);
            call.ReleaseParams();
            answer = request.Send();
        }
        catch (Exception e)
        {
            call.Fail(e);
            return;
        }

        call.ForwardTo(answer);
    }
}
