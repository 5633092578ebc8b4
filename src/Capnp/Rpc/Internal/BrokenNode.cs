namespace Capnp.Rpc.Internal;

/// <summary>A capability every call to which fails with the same exception (a null capability, a broken promise,
/// an object on a lost connection).</summary>
internal sealed class BrokenNode(Exception exception) : CapNode
{
    /// <summary>What a released promise points at: never referenced or released by anyone.</summary>
    public static BrokenNode Released { get; } = new(new ObjectDisposedException(nameof(IClientHook), "The capability has been released."));

    public Exception Exception { get; } = exception;

    public override bool IsBroken => true;

    public override IRequestHook NewRequest(ulong interfaceId, ushort methodId) => new LocalRequest(this, interfaceId, methodId);

    public override void Deliver(ServerCall call) => call.Fail(Exception);

    protected override void OnLastRelease()
    {
    }

    public override string ToString() => "broken capability: " + Exception.Message;
}
