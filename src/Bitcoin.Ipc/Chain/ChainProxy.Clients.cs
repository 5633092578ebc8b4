using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Handler;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

internal sealed partial class ChainProxy
{
    public void InitMessage(string message)
    {
        var call = Client.InitMessageRequest();
        call.Params.SetMessage(message);
        using var _ = Call(call, p => p.InitContext());
    }

    public void InitWarning(BilingualString message)
    {
        var call = Client.InitWarningRequest();
        CommonConversions.Write(message, call.Params.InitMessage());
        using var _ = Call(call, p => p.InitContext());
    }

    public void InitError(BilingualString message)
    {
        var call = Client.InitErrorRequest();
        CommonConversions.Write(message, call.Params.InitMessage());
        using var _ = Call(call, p => p.InitContext());
    }

    public void ShowProgress(string title, int progress, bool resumePossible)
    {
        var call = Client.ShowProgressRequest();
        var p = call.Params;
        p.SetTitle(title);
        p.Progress = progress;
        p.ResumePossible = resumePossible;
        using var _ = Call(call, q => q.InitContext());
    }

    public IHandler HandleNotifications(IChainNotifications notifications)
    {
        var call = Client.HandleNotificationsRequest();
        using (var served = ChainIpc.ServeNotifications(Connection, notifications))
        {
            var p = call.Params;
            p.Notifications = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    public void WaitForNotificationsIfTipChanged(uint256 oldTip)
    {
        var call = Client.WaitForNotificationsIfTipChangedRequest();
        call.Params.SetOldTip(W.FromHash(oldTip));
        using var _ = Call(call, p => p.InitContext());
    }

    public void WaitForNotifications()
    {
        using var _ = Call(Client.WaitForNotificationsRequest(), p => p.InitContext());
    }

    public IHandler HandleRpc(RpcCommandInfo command)
    {
        var call = Client.HandleRpcRequest();
        var c = call.Params.InitCommand();
        c.SetCategory(command.Category);
        c.SetName(command.Name);
        using (var actor = Capabilities.Export<IRpcActorCallback, M.ActorCallback.Client>(Connection, command.Actor, owned: false, static s => new ActorCallbackServer(s)))
            c.Actor = actor;
        var names = c.InitArgNames(command.ArgNames.Count);
        for (var i = 0; i < command.ArgNames.Count; i++)
        {
            names[i].SetName(command.ArgNames[i].Name);
            var name = names[i];
            name.NamedOnly = command.ArgNames[i].NamedOnly;
        }

        c.UniqueId = command.UniqueId;
        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    public bool RpcEnableDeprecated(string method)
    {
        var call = Client.RpcEnableDeprecatedRequest();
        call.Params.SetMethod(method);
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public SettingsValue GetSetting(string name)
    {
        var call = Client.GetSettingRequest();
        call.Params.SetName(name);
        using var reply = Call(call, p => p.InitContext());
        return SettingsJson.Read(reply.Results.Result);
    }

    public IReadOnlyList<SettingsValue> GetSettingsList(string name)
    {
        var call = Client.GetSettingsListRequest();
        call.Params.SetName(name);
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result.Select(static t => SettingsJson.Read(t)).ToList();
    }

    public SettingsValue GetRwSetting(string name)
    {
        var call = Client.GetRwSettingRequest();
        call.Params.SetName(name);
        using var reply = Call(call, p => p.InitContext());
        return SettingsJson.Read(reply.Results.Result);
    }

    public bool UpdateRwSetting(string name, ISettingsUpdateCallback update)
    {
        var call = Client.UpdateRwSettingRequest();
        var p = call.Params;
        p.SetName(name);
        using (var served = Capabilities.Export<ISettingsUpdateCallback, M.SettingsUpdateCallback.Client>(Connection, update, owned: false, static s => new SettingsUpdateCallbackServer(s)))
            p.Update = served;
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.Result;
    }

    public bool OverwriteRwSetting(string name, SettingsValue value, SettingsAction action)
    {
        var call = Client.OverwriteRwSettingRequest();
        var p = call.Params;
        p.SetName(name);
        p.SetValue(SettingsJson.Write(value));
        p.Action = (int)action;
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.Result;
    }

    public bool DeleteRwSettings(string name, SettingsAction action)
    {
        var call = Client.DeleteRwSettingsRequest();
        var p = call.Params;
        p.SetName(name);
        p.Action = (int)action;
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.Result;
    }

    public void RequestMempoolTransactions(IChainNotifications notifications)
    {
        var call = Client.RequestMempoolTransactionsRequest();
        using (var served = ChainIpc.ServeNotifications(Connection, notifications))
        {
            var p = call.Params;
            p.Notifications = served;
        }

        using var _ = Call(call, q => q.InitContext());
    }
}
