using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc;

namespace Apps.bitcoin_wallet;

/// <summary>
/// The node's chain as a wallet process attached with <c>-ipcconnect</c> uses it: every member is the node's, except
/// that RPC commands are also put in the process's own table when it serves RPC itself (<c>-server</c>), and the
/// <c>wallet</c> settings list also names the wallets that were loaded before the node went away, so the loader of
/// the next connection reloads them without touching the node's settings.json. Disposing releases the node's chain.
/// </summary>
internal sealed class AttachedChain(IChain inner, LocalRpcTable? localRpc, IReadOnlyList<string> reloadWallets) : ForwardingChain(inner), IDisposable
{
    /// <inheritdoc/>
    public override IHandler HandleRpc(RpcCommandInfo command)
    {
        var node = Inner.HandleRpc(command);
        return new HandlerPair(localRpc?.Register(command), node);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<SettingsValue> GetSettingsList(string name)
    {
        var list = Inner.GetSettingsList(name);
        if (name != "wallet" || reloadWallets.Count == 0)
            return list;
        var named = new HashSet<string>(list.Where(v => v.IsString).Select(v => v.GetString()), StringComparer.Ordinal);
        return [.. list, .. reloadWallets.Where(n => !named.Contains(n)).Select(SettingsValue.FromString)];
    }

    /// <summary>Releases the node's chain (a proxy: sends destroy when the node is still there).</summary>
    public void Dispose()
    {
        if (Inner is IDisposable disposable)
            AttachedWallet.IgnoreNodeGone(disposable.Dispose);
    }

    /// <inheritdoc/>
    /// <remarks>Start-up messages of an attached process belong in its own log, not the node's.</remarks>
    public override void InitMessage(string message) => Log.Info($"init message: {message}");

    /// <inheritdoc/>
    /// <remarks>Reported by this process (its log and stderr): the user started it and watches it.</remarks>
    public override void InitWarning(BilingualString message)
    {
        Log.Warning(message.Original);
        Console.Error.Write($"Warning: {message.Original}\n");
    }

    /// <inheritdoc/>
    /// <remarks>Reported by this process (its log and stderr): the user started it and watches it.</remarks>
    public override void InitError(BilingualString message)
    {
        Log.Error(message.Original);
        Console.Error.Write($"Error: {message.Original}\n");
    }
}
