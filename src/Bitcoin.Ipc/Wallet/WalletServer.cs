using System.Text;
using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves an <see cref="IWallet"/> as the schema's <c>Wallet</c> (wallet side): keys, addresses, coins.</summary>
internal sealed partial class WalletServer(IpcServerObject<IWallet> self) : M.Wallet.Server, IDisposable, ICapabilityServerFactory<M.Wallet.Client>
{
    private readonly ServerAdapter<IWallet> _a = new(self);

    public M.Wallet.Client ToClient() => M.Wallet.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    // Passphrases travel as Data (Core's SecureString bytes): UTF-8 here.
    private static string Passphrase(ReadOnlyMemory<byte> data) => Encoding.UTF8.GetString(data.Span);

    public override ValueTask DestroyAsync(CallContext<M.Wallet.DestroyParams, M.Wallet.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask EncryptWalletAsync(CallContext<M.Wallet.EncryptWalletParams, M.Wallet.EncryptWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.EncryptWallet(Passphrase(call.Params.WalletPassphrase));
        });

    public override ValueTask IsCryptedAsync(CallContext<M.Wallet.IsCryptedParams, M.Wallet.IsCryptedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsCrypted();
        });

    public override ValueTask LockAsync(CallContext<M.Wallet.LockParams, M.Wallet.LockResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.Lock();
        });

    public override ValueTask UnlockAsync(CallContext<M.Wallet.UnlockParams, M.Wallet.UnlockResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.Unlock(Passphrase(call.Params.WalletPassphrase));
        });

    public override ValueTask IsLockedAsync(CallContext<M.Wallet.IsLockedParams, M.Wallet.IsLockedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsLocked();
        });

    public override ValueTask ChangeWalletPassphraseAsync(CallContext<M.Wallet.ChangeWalletPassphraseParams, M.Wallet.ChangeWalletPassphraseResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.ChangeWalletPassphrase(Passphrase(call.Params.OldWalletPassphrase), Passphrase(call.Params.NewWalletPassphrase));
        });

    public override ValueTask AbortRescanAsync(CallContext<M.Wallet.AbortRescanParams, M.Wallet.AbortRescanResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.AbortRescan());

    public override ValueTask BackupWalletAsync(CallContext<M.Wallet.BackupWalletParams, M.Wallet.BackupWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.BackupWallet(call.Params.Filename);
        });

    public override ValueTask GetWalletNameAsync(CallContext<M.Wallet.GetWalletNameParams, M.Wallet.GetWalletNameResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => call.Results.SetResult(impl.GetWalletName()));

    public override ValueTask GetNewDestinationAsync(CallContext<M.Wallet.GetNewDestinationParams, M.Wallet.GetNewDestinationResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var result = impl.GetNewDestination(CommonConversions.ToEnum<OutputType>(call.Params.OutputType, "output type"), call.Params.Label);
            var r = call.Results.InitResult();
            if (result.Succeeded) DestinationConversions.Write(result.Value!, r.Value.InitStruct<M.TxDestination.Builder>());
            else CommonConversions.Write(result.Error!, r.InitError());
        });

    public override ValueTask GetPubKeyAsync(CallContext<M.Wallet.GetPubKeyParams, M.Wallet.GetPubKeyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetPubKey(W.ToScript(call.Params.Script), W.ToKeyId(call.Params.Address), out var pubKey);
            if (pubKey is not null) r.SetPubKey(pubKey.ToBytes());
        });

    public override ValueTask SignMessageAsync(CallContext<M.Wallet.SignMessageParams, M.Wallet.SignMessageResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = (int)impl.SignMessage(call.Params.Message, W.ToKeyId(call.Params.Pkhash), out var signature);
            r.SetSignature(signature);
        });

    public override ValueTask IsSpendableAsync(CallContext<M.Wallet.IsSpendableParams, M.Wallet.IsSpendableResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsSpendable(DestinationConversions.Read(call.Params.Dest));
        });

    public override ValueTask SetAddressBookAsync(CallContext<M.Wallet.SetAddressBookParams, M.Wallet.SetAddressBookResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            AddressPurpose? purpose = p.HasPurpose ? CommonConversions.ToEnum<AddressPurpose>(p.Purpose, "address purpose") : null;
            var r = call.Results;
            r.Result = impl.SetAddressBook(DestinationConversions.Read(p.Dest), p.Name, purpose);
        });

    public override ValueTask DelAddressBookAsync(CallContext<M.Wallet.DelAddressBookParams, M.Wallet.DelAddressBookResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.DelAddressBook(DestinationConversions.Read(call.Params.Dest));
        });

    public override ValueTask GetAddressAsync(CallContext<M.Wallet.GetAddressParams, M.Wallet.GetAddressResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetAddress(DestinationConversions.Read(call.Params.Dest), out var name, out var purpose);
            r.SetName(name);
            r.Purpose = (int)(purpose ?? default);
            r.HasPurpose = purpose.HasValue;
        });

    public override ValueTask GetAddressesAsync(CallContext<M.Wallet.GetAddressesParams, M.Wallet.GetAddressesResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var addresses = impl.GetAddresses();
            var list = call.Results.InitResult(addresses.Count);
            for (var i = 0; i < addresses.Count; i++) WalletConversions.Write(addresses[i], list[i]);
        });

    public override ValueTask GetAddressReceiveRequestsAsync(CallContext<M.Wallet.GetAddressReceiveRequestsParams, M.Wallet.GetAddressReceiveRequestsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var requests = impl.GetAddressReceiveRequests();
            var list = call.Results.InitResult(requests.Count);
            for (var i = 0; i < requests.Count; i++) list.Set(i, Encoding.UTF8.GetBytes(requests[i]));
        });

    public override ValueTask SetAddressReceiveRequestAsync(CallContext<M.Wallet.SetAddressReceiveRequestParams, M.Wallet.SetAddressReceiveRequestResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.SetAddressReceiveRequest(DestinationConversions.Read(p.Dest), Encoding.UTF8.GetString(p.Id.Span), Encoding.UTF8.GetString(p.Value.Span));
        });

    public override ValueTask DisplayAddressAsync(CallContext<M.Wallet.DisplayAddressParams, M.Wallet.DisplayAddressResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var error = impl.DisplayAddress(DestinationConversions.Read(call.Params.Dest));
            var result = call.Results.InitResult();
            if (error is not null) CommonConversions.Write(error, result.InitError());
        });

    public override ValueTask LockCoinAsync(CallContext<M.Wallet.LockCoinParams, M.Wallet.LockCoinResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.LockCoin(W.ToOutPoint(call.Params.Output), call.Params.WriteToDb);
        });

    public override ValueTask UnlockCoinAsync(CallContext<M.Wallet.UnlockCoinParams, M.Wallet.UnlockCoinResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.UnlockCoin(W.ToOutPoint(call.Params.Output));
        });

    public override ValueTask IsLockedCoinAsync(CallContext<M.Wallet.IsLockedCoinParams, M.Wallet.IsLockedCoinResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsLockedCoin(W.ToOutPoint(call.Params.Output));
        });

    public override ValueTask ListLockedCoinsAsync(CallContext<M.Wallet.ListLockedCoinsParams, M.Wallet.ListLockedCoinsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var coins = impl.ListLockedCoins();
            var list = call.Results.InitOutputs(coins.Count);
            for (var i = 0; i < coins.Count; i++) list.Set(i, W.FromOutPoint(coins[i]));
        });
}
