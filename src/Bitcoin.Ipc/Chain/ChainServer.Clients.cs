using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Handler;
using Capnp;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

internal sealed partial class ChainServer
{
    public override ValueTask InitMessageAsync(CallContext<M.Chain.InitMessageParams, M.Chain.InitMessageResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.InitMessage(call.Params.Message));

    public override ValueTask InitWarningAsync(CallContext<M.Chain.InitWarningParams, M.Chain.InitWarningResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.InitWarning(CommonConversions.Read(call.Params.Message)));

    public override ValueTask InitErrorAsync(CallContext<M.Chain.InitErrorParams, M.Chain.InitErrorResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.InitError(CommonConversions.Read(call.Params.Message)));

    public override ValueTask ShowProgressAsync(CallContext<M.Chain.ShowProgressParams, M.Chain.ShowProgressResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            impl.ShowProgress(call.Params.Title, call.Params.Progress, call.Params.ResumePossible));

    public override ValueTask HandleNotificationsAsync(CallContext<M.Chain.HandleNotificationsParams, M.Chain.HandleNotificationsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var notifications = new ChainNotificationsProxy(call.Connection, call.Params.Notifications);
            IHandler handler;
            try
            {
                handler = impl.HandleNotifications(notifications);
            }
            catch
            {
                notifications.Dispose();
                throw;
            }

            // The client's notifications object is released with the registration.
            using var result = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, notifications));
            var r = call.Results;
            r.Result = result;
        });

    public override ValueTask WaitForNotificationsIfTipChangedAsync(CallContext<M.Chain.WaitForNotificationsIfTipChangedParams, M.Chain.WaitForNotificationsIfTipChangedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            impl.WaitForNotificationsIfTipChanged(W.ToHash(call.Params.OldTip, "tip hash")));

    public override ValueTask WaitForNotificationsAsync(CallContext<M.Chain.WaitForNotificationsParams, M.Chain.WaitForNotificationsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.WaitForNotifications());

    public override ValueTask HandleRpcAsync(CallContext<M.Chain.HandleRpcParams, M.Chain.HandleRpcResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var command = call.Params.Command;
            if (!command.HasActor) throw new IpcFormatException("An RPC command needs an actor.");
            var argNames = command.ArgNames.Select(static a => new RpcArgName(a.Name, a.NamedOnly)).ToList();
            var actor = new ActorCallbackProxy(call.Connection, command.Actor);
            IHandler handler;
            try
            {
                handler = impl.HandleRpc(new RpcCommandInfo(command.Category, command.Name, actor, argNames, command.UniqueId));
            }
            catch
            {
                actor.Dispose();
                throw;
            }

            using var result = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, actor));
            var r = call.Results;
            r.Result = result;
        });

    public override ValueTask RpcEnableDeprecatedAsync(CallContext<M.Chain.RpcEnableDeprecatedParams, M.Chain.RpcEnableDeprecatedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.RpcEnableDeprecated(call.Params.Method);
        });

    public override ValueTask GetSettingAsync(CallContext<M.Chain.GetSettingParams, M.Chain.GetSettingResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            call.Results.SetResult(SettingsJson.Write(impl.GetSetting(call.Params.Name))));

    public override ValueTask GetSettingsListAsync(CallContext<M.Chain.GetSettingsListParams, M.Chain.GetSettingsListResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var values = impl.GetSettingsList(call.Params.Name);
            var list = call.Results.InitResult(values.Count);
            for (var i = 0; i < values.Count; i++) list.Set(i, SettingsJson.Write(values[i]));
        });

    public override ValueTask GetRwSettingAsync(CallContext<M.Chain.GetRwSettingParams, M.Chain.GetRwSettingResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            call.Results.SetResult(SettingsJson.Write(impl.GetRwSetting(call.Params.Name))));

    public override ValueTask UpdateRwSettingAsync(CallContext<M.Chain.UpdateRwSettingParams, M.Chain.UpdateRwSettingResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            using var update = new SettingsUpdateCallbackProxy(call.Connection, call.Params.Update);
            var r = call.Results;
            r.Result = impl.UpdateRwSetting(call.Params.Name, update);
        });

    public override ValueTask OverwriteRwSettingAsync(CallContext<M.Chain.OverwriteRwSettingParams, M.Chain.OverwriteRwSettingResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.OverwriteRwSetting(p.Name, SettingsJson.Read(p.Value), CommonConversions.ToEnum<SettingsAction>(p.Action, "settings action"));
        });

    public override ValueTask DeleteRwSettingsAsync(CallContext<M.Chain.DeleteRwSettingsParams, M.Chain.DeleteRwSettingsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.DeleteRwSettings(call.Params.Name, CommonConversions.ToEnum<SettingsAction>(call.Params.Action, "settings action"));
        });

    public override ValueTask RequestMempoolTransactionsAsync(CallContext<M.Chain.RequestMempoolTransactionsParams, M.Chain.RequestMempoolTransactionsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            using var notifications = new ChainNotificationsProxy(call.Connection, call.Params.Notifications);
            impl.RequestMempoolTransactions(notifications);
        });
}
