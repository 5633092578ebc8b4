using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>
/// An <see cref="IChainClient"/> of another process (the node's view of the wallet): start-up and shutdown steps
/// are calls. Also the ChainClient part of interfaces that extend it (the capability answers both interface ids).
/// </summary>
internal class ChainClientProxy(IpcConnection connection, M.ChainClient.Client client) : CapabilityProxy<M.ChainClient.Client>(connection, client), IChainClient
{
    public void RegisterRpcs()
    {
        using var _ = Call(Client.RegisterRpcsRequest(), p => p.InitContext());
    }

    public bool Verify()
    {
        using var reply = Call(Client.VerifyRequest(), p => p.InitContext());
        return reply.Results.Result;
    }

    public bool Load()
    {
        using var reply = Call(Client.LoadRequest(), p => p.InitContext());
        return reply.Results.Result;
    }

    public void Start()
    {
        using var _ = Call(Client.StartRequest(), p => p.InitContext());
    }

    public void Stop()
    {
        using var _ = Call(Client.StopRequest(), p => p.InitContext());
    }

    public void SetMockTime(long time)
    {
        var call = Client.SetMockTimeRequest();
        var p = call.Params;
        p.Time = time;
        using var _ = Call(call, p => p.InitContext());
    }

    public void SchedulerMockForward(long deltaSeconds)
    {
        var call = Client.SchedulerMockForwardRequest();
        var p = call.Params;
        p.DeltaSeconds = deltaSeconds;
        using var _ = Call(call, p => p.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
