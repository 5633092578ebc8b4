using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc;

namespace Apps.bitcoin_node;

/// <summary>
/// The node's chain as bitcoin-node serves it to its wallet processes: every member is the node's own, except that
/// RPC commands go through <see cref="WalletRpcCommands"/>, which keeps them in the node's table while a wallet
/// process is being replaced (answering a clear error meanwhile) instead of letting them vanish with it, and the
/// <c>wallet</c> settings list names the wallets a replacement process must reload.
/// </summary>
internal sealed class WalletProcessChain(IChain inner, WalletRpcCommands rpcCommands) : ForwardingChain(inner)
{
    private volatile IReadOnlyList<string> _reloadWallets = [];

    /// <summary>
    /// Wallets a new wallet process loads in its load step besides those of <c>-wallet</c> and settings.json (the
    /// wallets that were loaded when the previous process died); they appear at the end of the <c>wallet</c> settings
    /// list, which the wallet reads through the chain, and never reach settings.json.
    /// </summary>
    public IReadOnlyList<string> ReloadWallets
    {
        get => _reloadWallets;
        set => _reloadWallets = value;
    }

    /// <inheritdoc/>
    public override IHandler HandleRpc(RpcCommandInfo command) => rpcCommands.Register(command);

    /// <inheritdoc/>
    public override IReadOnlyList<SettingsValue> GetSettingsList(string name)
    {
        var list = Inner.GetSettingsList(name);
        var reload = _reloadWallets;
        if (name != "wallet" || reload.Count == 0)
            return list;
        var named = new HashSet<string>(list.Where(v => v.IsString).Select(v => v.GetString()), StringComparer.Ordinal);
        return [.. list, .. reload.Where(n => !named.Contains(n)).Select(SettingsValue.FromString)];
    }
}
