using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>Serves an <see cref="ISettingsUpdateCallback"/> for the duration of an updateRwSetting call.</summary>
internal sealed class SettingsUpdateCallbackServer(IpcServerObject<ISettingsUpdateCallback> self) : M.SettingsUpdateCallback.Server, IDisposable, ICapabilityServerFactory<M.SettingsUpdateCallback.Client>
{
    private readonly ServerAdapter<ISettingsUpdateCallback> _a = new(self);

    public M.SettingsUpdateCallback.Client ToClient() => M.SettingsUpdateCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.SettingsUpdateCallback.DestroyParams, M.SettingsUpdateCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.SettingsUpdateCallback.CallParams, M.SettingsUpdateCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var value = SettingsJson.Read(call.Params.Value);
            var action = impl.Call(ref value);
            var r = call.Results;
            r.SetValue(SettingsJson.Write(value));
            r.Result = (int)(action ?? default);
            r.HasResult = action.HasValue;
        });
}
