using System.Text;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Chain;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Handler;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>
/// An <see cref="IWalletLoader"/> of another process (the node's view of the wallet process): its ChainClient
/// steps and wallet management are calls. Disposing it sends <c>destroy</c>.
/// </summary>
internal sealed class WalletLoaderProxy : ChainClientProxy, IWalletLoader
{
    private readonly M.WalletLoader.Client _loader;

    public WalletLoaderProxy(IpcConnection connection, M.WalletLoader.Client client)
        : base(connection, new M.ChainClient.Client(client.Hook))
    {
        // One reference, held by the base: the WalletLoader view shares it.
        _loader = client;
    }

    public InterfaceResult<IWallet> CreateWallet(string name, string passphrase, ulong walletCreationFlags, out IReadOnlyList<BilingualString> warnings)
    {
        var call = _loader.CreateWalletRequest();
        var p = call.Params;
        p.SetName(name);
        p.SetPassphrase(passphrase);
        p.Flags = walletCreationFlags;
        using var reply = Call(call, q => q.InitContext());
        warnings = CommonConversions.Read(reply.Results.Warning);
        return ReadWallet(reply.Results.Result, allowNone: false)!;
    }

    public InterfaceResult<IWallet> LoadWallet(string name, out IReadOnlyList<BilingualString> warnings)
    {
        var call = _loader.LoadWalletRequest();
        call.Params.SetName(name);
        using var reply = Call(call, p => p.InitContext());
        warnings = CommonConversions.Read(reply.Results.Warning);
        return ReadWallet(reply.Results.Result, allowNone: false)!;
    }

    public string GetWalletDir()
    {
        using var reply = Call(_loader.GetWalletDirRequest(), p => p.InitContext());
        return reply.Results.Result;
    }

    public InterfaceResult<IWallet?> RestoreWallet(string backupFile, string walletName, out IReadOnlyList<BilingualString> warnings, bool loadAfterRestore)
    {
        var call = _loader.RestoreWalletRequest();
        var p = call.Params;
        p.SetBackupFile(Encoding.UTF8.GetBytes(backupFile));
        p.SetName(walletName);
        p.LoadAfterRestore = loadAfterRestore;
        using var reply = Call(call, q => q.InitContext());
        warnings = CommonConversions.Read(reply.Results.Warning);
        var result = ReadWallet(reply.Results.Result, allowNone: true)!;
        return result.Succeeded ? InterfaceResult<IWallet?>.Success(result.Value) : InterfaceResult<IWallet?>.Failure(result.Error!);
    }

    public InterfaceResult<WalletMigrationResult> MigrateWallet(string name, string passphrase, bool loadWallet)
    {
        var call = _loader.MigrateWalletRequest();
        var p = call.Params;
        p.SetName(name);
        p.SetPassphrase(passphrase);
        p.LoadWallet = loadWallet;
        using var reply = Call(call, q => q.InitContext());
        var result = reply.Results.Result;
        if (result.HasError) return InterfaceResult<WalletMigrationResult>.Failure(CommonConversions.Read(result.Error));
        var migration = result.Value.GetStruct<M.WalletMigrationResult>();
        var wallet = migration.HasWallet ? WalletIpc.Proxy(Connection, migration.Wallet) : null;
        return InterfaceResult<WalletMigrationResult>.Success(new WalletMigrationResult(wallet,
            migration.HasWatchonlyWalletName ? migration.WatchonlyWalletName : null,
            migration.HasSolvablesWalletName ? migration.SolvablesWalletName : null,
            migration.BackupPath));
    }

    public bool IsEncrypted(string walletName)
    {
        var call = _loader.IsEncryptedRequest();
        call.Params.SetName(walletName);
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public IReadOnlyList<WalletDirEntry> ListWalletDir()
    {
        using var reply = Call(_loader.ListWalletDirRequest(), p => p.InitContext());
        return CommonConversions.ReadTextPairs(reply.Results.Result).Select(static e => new WalletDirEntry(e.Key, e.Value)).ToList();
    }

    public IReadOnlyList<IWallet> GetWallets()
    {
        using var reply = Call(_loader.GetWalletsRequest(), p => p.InitContext());
        return reply.Results.Result.Select(c => WalletIpc.Proxy(Connection, c)).ToList();
    }

    public IHandler HandleLoadWallet(ILoadWalletCallback callback)
    {
        var call = _loader.HandleLoadWalletRequest();
        using (var served = Capabilities.Export<ILoadWalletCallback, M.LoadWalletCallback.Client>(Connection, callback, owned: false, static s => new LoadWalletCallbackServer(s)))
        {
            var p = call.Params;
            p.Callback = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    private InterfaceResult<IWallet?> ReadWallet(M.Result result, bool allowNone)
    {
        if (result.HasError) return InterfaceResult<IWallet?>.Failure(CommonConversions.Read(result.Error));
        var hook = result.Value.GetCapability();
        if (hook is null)
        {
            if (!allowNone) throw new IpcFormatException("A successful wallet result carries no wallet.");
            return InterfaceResult<IWallet?>.Success(null);
        }

        return InterfaceResult<IWallet?>.Success(WalletIpc.Proxy(Connection, new M.Wallet.Client(hook)));
    }
}
