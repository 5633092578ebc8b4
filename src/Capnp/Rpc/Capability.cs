using Capnp.Rpc.Internal;

namespace Capnp.Rpc;

/// <summary>Capabilities that are not obtained from a connection: servers of this process, broken capabilities,
/// and what a capability received from a peer turns out to be.</summary>
public static class Capability
{
    /// <summary>
    /// A reference to <paramref name="server"/>. All references to one server share one capability (so a peer sees one
    /// export however many times it is sent); when the last is dropped, a server that is <see cref="IDisposable"/> is
    /// disposed. Dispose the reference when done with it.
    /// </summary>
    public static IClientHook FromServer(CapabilityServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new CapabilityRef(server.AcquireNode());
    }

    /// <summary>A capability whose every call fails with <paramref name="reason"/>.</summary>
    public static IClientHook Broken(Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new CapabilityRef(new BrokenNode(reason));
    }

    /// <summary>Completes when <paramref name="capability"/> is no longer a promise (it may then be broken).</summary>
    public static Task WhenResolvedAsync(IClientHook capability, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capability);
        return capability is CapabilityRef reference
            ? reference.Node.WhenFullyResolvedAsync().WaitAsync(cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>
    /// The server of this process that <paramref name="capability"/> leads to once resolved, or null when it leads
    /// elsewhere (an object of a peer, a broken capability, a proxy for one). A capability a peer sent back to us as
    /// one of our own (<c>receiverHosted</c>, or pipelined on one of our answers) resolves to our server.
    /// </summary>
    public static async ValueTask<CapabilityServer?> GetLocalServerAsync(IClientHook capability,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capability);
        if (capability is not CapabilityRef reference)
            return null;
        var node = reference.Node;
        await node.WhenFullyResolvedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return (node.Innermost() as LocalServerNode)?.Server;
    }
}
