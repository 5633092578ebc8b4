using System.Text;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Chain;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Handler;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves an <see cref="IWalletLoader"/> as the schema's <c>WalletLoader</c> (and its <c>ChainClient</c> part).</summary>
internal sealed class WalletLoaderServer(IpcServerObject<IWalletLoader> self) : M.WalletLoader.Server, IDisposable, ICapabilityServerFactory<M.WalletLoader.Client>
{
    private readonly ServerAdapter<IWalletLoader> _a = new(self);

    public M.WalletLoader.Client ToClient() => M.WalletLoader.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask CreateWalletAsync(CallContext<M.WalletLoader.CreateWalletParams, M.WalletLoader.CreateWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var result = impl.CreateWallet(p.Name, p.Passphrase, p.Flags, out var warnings);
            CommonConversions.Write(warnings, call.Results.InitWarning(warnings.Count));
            WriteWallet(call.Connection, result, call.Results.InitResult());
        });

    public override ValueTask LoadWalletAsync(CallContext<M.WalletLoader.LoadWalletParams, M.WalletLoader.LoadWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var result = impl.LoadWallet(call.Params.Name, out var warnings);
            CommonConversions.Write(warnings, call.Results.InitWarning(warnings.Count));
            WriteWallet(call.Connection, result, call.Results.InitResult());
        });

    public override ValueTask GetWalletDirAsync(CallContext<M.WalletLoader.GetWalletDirParams, M.WalletLoader.GetWalletDirResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => call.Results.SetResult(impl.GetWalletDir()));

    public override ValueTask RestoreWalletAsync(CallContext<M.WalletLoader.RestoreWalletParams, M.WalletLoader.RestoreWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            // The backup path travels as Data (Core's fs::path): UTF-8 here.
            var result = impl.RestoreWallet(Encoding.UTF8.GetString(p.BackupFile.Span), p.Name, out var warnings, p.LoadAfterRestore);
            CommonConversions.Write(warnings, call.Results.InitWarning(warnings.Count));
            WriteWallet(call.Connection, result, call.Results.InitResult());
        });

    public override ValueTask MigrateWalletAsync(CallContext<M.WalletLoader.MigrateWalletParams, M.WalletLoader.MigrateWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var result = impl.MigrateWallet(p.Name, p.Passphrase, p.LoadWallet);
            var value = call.Results.InitResult();
            if (!result.Succeeded)
            {
                CommonConversions.Write(result.Error!, value.InitError());
                return;
            }

            var migration = result.Value!;
            var output = value.Value.InitStruct<M.WalletMigrationResult.Builder>();
            if (migration.Wallet is { } wallet)
            {
                using var served = WalletIpc.Serve(call.Connection, wallet);
                output.Wallet = served;
            }

            if (migration.WatchOnlyWalletName is { } watchOnly) output.SetWatchonlyWalletName(watchOnly);
            if (migration.SolvablesWalletName is { } solvables) output.SetSolvablesWalletName(solvables);
            output.SetBackupPath(migration.BackupPath);
        });

    public override ValueTask IsEncryptedAsync(CallContext<M.WalletLoader.IsEncryptedParams, M.WalletLoader.IsEncryptedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsEncrypted(call.Params.Name);
        });

    public override ValueTask ListWalletDirAsync(CallContext<M.WalletLoader.ListWalletDirParams, M.WalletLoader.ListWalletDirResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var entries = impl.ListWalletDir().Select(static e => new KeyValuePair<string, string>(e.Name, e.Format)).ToList();
            CommonConversions.WriteTextPairs(entries, call.Results.InitResult(entries.Count));
        });

    public override ValueTask GetWalletsAsync(CallContext<M.WalletLoader.GetWalletsParams, M.WalletLoader.GetWalletsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var wallets = impl.GetWallets();
            var list = call.Results.InitResult(wallets.Count);
            for (var i = 0; i < wallets.Count; i++)
            {
                using var served = WalletIpc.Serve(call.Connection, wallets[i]);
                list.Set(i, served);
            }
        });

    public override ValueTask HandleLoadWalletAsync(CallContext<M.WalletLoader.HandleLoadWalletParams, M.WalletLoader.HandleLoadWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var callback = new LoadWalletCallbackProxy(call.Connection, call.Params.Callback);
            IHandler handler;
            try
            {
                handler = impl.HandleLoadWallet(callback);
            }
            catch
            {
                callback.Dispose();
                throw;
            }

            using var served = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, callback));
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask DestroyAsync(CallContext<M.ChainClient.DestroyParams, M.ChainClient.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask RegisterRpcsAsync(CallContext<M.ChainClient.RegisterRpcsParams, M.ChainClient.RegisterRpcsResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.RegisterRpcs(_a, context, cancellationToken);

    public override ValueTask VerifyAsync(CallContext<M.ChainClient.VerifyParams, M.ChainClient.VerifyResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Verify(_a, context, cancellationToken);

    public override ValueTask LoadAsync(CallContext<M.ChainClient.LoadParams, M.ChainClient.LoadResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Load(_a, context, cancellationToken);

    public override ValueTask StartAsync(CallContext<M.ChainClient.StartParams, M.ChainClient.StartResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Start(_a, context, cancellationToken);

    public override ValueTask StopAsync(CallContext<M.ChainClient.StopParams, M.ChainClient.StopResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Stop(_a, context, cancellationToken);

    public override ValueTask SetMockTimeAsync(CallContext<M.ChainClient.SetMockTimeParams, M.ChainClient.SetMockTimeResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.SetMockTime(_a, context, cancellationToken);

    public override ValueTask SchedulerMockForwardAsync(CallContext<M.ChainClient.SchedulerMockForwardParams, M.ChainClient.SchedulerMockForwardResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.SchedulerMockForward(_a, context, cancellationToken);

    private static void WriteWallet<T>(IpcConnection connection, InterfaceResult<T> result, M.Result.Builder output)
        where T : IWallet?
    {
        if (!result.Succeeded)
        {
            CommonConversions.Write(result.Error!, output.InitError());
            return;
        }

        // A restore without loading succeeds with no wallet: the value stays unset.
        if (result.Value is not { } wallet) return;
        using var served = WalletIpc.Serve(connection, wallet);
        output.Value.SetCapability(served.Hook);
    }
}
