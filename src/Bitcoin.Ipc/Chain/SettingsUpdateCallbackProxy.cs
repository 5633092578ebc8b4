using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>The node's side of a client's settings update: runs the client's edit while the node holds the lock.</summary>
internal sealed class SettingsUpdateCallbackProxy(IpcConnection connection, M.SettingsUpdateCallback.Client client) : CapabilityProxy<M.SettingsUpdateCallback.Client>(connection, client), ISettingsUpdateCallback
{
    public SettingsAction? Call(ref SettingsValue value)
    {
        var call = Client.CallRequest();
        call.Params.SetValue(SettingsJson.Write(value));
        using var reply = Call(call, q => q.InitContext());
        var r = reply.Results;
        value = SettingsJson.Read(r.Value);
        return r.HasResult ? CommonConversions.ToEnum<SettingsAction>(r.Result, "settings action") : null;
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
