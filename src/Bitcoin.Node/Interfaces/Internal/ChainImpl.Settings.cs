using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;

namespace Bitcoin.Node.Interfaces.Internal;

internal sealed partial class ChainImpl
{
    private readonly Lock _uniqueIdsLock = new();
    private readonly Dictionary<long, object> _uniqueIds = [];

    /// <inheritdoc/>
    public IHandler HandleRpc(RpcCommandInfo command)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The command table treats commands with the same id object as aliases; one object per client id.
        object id;
        lock (_uniqueIdsLock)
        {
            if (!_uniqueIds.TryGetValue(command.UniqueId, out id!))
                _uniqueIds[command.UniqueId] = id = new object();
        }

        return new RpcHandler(_node.RpcTable, command, id);
    }

    /// <inheritdoc/>
    public bool RpcEnableDeprecated(string method) => Args.GetArgs("-deprecatedrpc").Contains(method);

    /// <inheritdoc/>
    public SettingsValue GetSetting(string name) => Args.GetSetting(name);

    /// <inheritdoc/>
    public IReadOnlyList<SettingsValue> GetSettingsList(string name) => Args.GetSettingsList(name);

    /// <inheritdoc/>
    public SettingsValue GetRwSetting(string name) => Args.GetRwSetting(name);

    /// <inheritdoc/>
    public bool UpdateRwSetting(string name, ISettingsUpdateCallback update)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(update);
        SettingsAction? action = null;
        Args.LockSettings(store =>
        {
            var value = store.RwSettings.TryGetValue(name, out var existing) ? existing : SettingsValue.Null;
            action = update.Call(ref value);
            if (value.IsNull) store.RwSettings.Remove(name);
            else store.RwSettings[name] = value;
        });
        if (action is null) return false;
        return action != SettingsAction.Write || Args.WriteSettingsFile();
    }

    /// <inheritdoc/>
    public bool OverwriteRwSetting(string name, SettingsValue value, SettingsAction action) =>
        UpdateRwSetting(name, new Overwrite(value, action));

    /// <inheritdoc/>
    public bool DeleteRwSettings(string name, SettingsAction action) => OverwriteRwSetting(name, SettingsValue.Null, action);

    private sealed class Overwrite(SettingsValue newValue, SettingsAction action) : ISettingsUpdateCallback
    {
        public SettingsAction? Call(ref SettingsValue value)
        {
            value = newValue;
            return action;
        }
    }
}
