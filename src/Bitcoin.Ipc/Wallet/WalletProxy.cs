using System.Text;
using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Wallet;

/// <summary>An <see cref="IWallet"/> of another process (the GUI's or node's view of a wallet): every member is a call.</summary>
internal sealed partial class WalletProxy(IpcConnection connection, M.Wallet.Client client) : CapabilityProxy<M.Wallet.Client>(connection, client), IWallet
{
    public bool EncryptWallet(string passphrase)
    {
        var call = Client.EncryptWalletRequest();
        call.Params.SetWalletPassphrase(Encoding.UTF8.GetBytes(passphrase));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool IsCrypted() => Ask(Client.IsCryptedRequest(), p => p.InitContext(), r => r.Result);

    public bool Lock() => Ask(Client.LockRequest(), p => p.InitContext(), r => r.Result);

    public bool Unlock(string passphrase)
    {
        var call = Client.UnlockRequest();
        call.Params.SetWalletPassphrase(Encoding.UTF8.GetBytes(passphrase));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool IsLocked() => Ask(Client.IsLockedRequest(), p => p.InitContext(), r => r.Result);

    public bool ChangeWalletPassphrase(string oldPassphrase, string newPassphrase)
    {
        var call = Client.ChangeWalletPassphraseRequest();
        call.Params.SetOldWalletPassphrase(Encoding.UTF8.GetBytes(oldPassphrase));
        call.Params.SetNewWalletPassphrase(Encoding.UTF8.GetBytes(newPassphrase));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public void AbortRescan()
    {
        using var _ = Call(Client.AbortRescanRequest(), p => p.InitContext());
    }

    public bool BackupWallet(string filename)
    {
        var call = Client.BackupWalletRequest();
        call.Params.SetFilename(filename);
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public string GetWalletName() => Ask(Client.GetWalletNameRequest(), p => p.InitContext(), r => (string)r.Result);

    public InterfaceResult<TxDestination> GetNewDestination(OutputType type, string label)
    {
        var call = Client.GetNewDestinationRequest();
        var p = call.Params;
        p.OutputType = (int)type;
        p.SetLabel(label);
        using var reply = Call(call, q => q.InitContext());
        var result = reply.Results.Result;
        return result.HasError
            ? InterfaceResult<TxDestination>.Failure(CommonConversions.Read(result.Error))
            : InterfaceResult<TxDestination>.Success(DestinationConversions.Read(result.Value.GetStruct<M.TxDestination>()));
    }

    public bool GetPubKey(Script script, KeyId address, out PubKey? pubKey)
    {
        var call = Client.GetPubKeyRequest();
        call.Params.SetScript(script.ToBytes(true));
        call.Params.SetAddress(address.ToBytes());
        using var reply = Call(call, p => p.InitContext());
        var r = reply.Results;
        pubKey = r.HasPubKey && r.PubKey.Length > 0 ? W.ToPubKey(r.PubKey) : null;
        return r.Result;
    }

    public SigningResult SignMessage(string message, KeyId pkHash, out string signature)
    {
        var call = Client.SignMessageRequest();
        call.Params.SetMessage(message);
        call.Params.SetPkhash(pkHash.ToBytes());
        using var reply = Call(call, p => p.InitContext());
        signature = reply.Results.Signature;
        return CommonConversions.ToEnum<SigningResult>(reply.Results.Result, "signing result");
    }

    public bool IsSpendable(TxDestination destination)
    {
        var call = Client.IsSpendableRequest();
        DestinationConversions.Write(destination, call.Params.InitDest());
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool SetAddressBook(TxDestination destination, string name, AddressPurpose? purpose)
    {
        var call = Client.SetAddressBookRequest();
        var p = call.Params;
        DestinationConversions.Write(destination, p.InitDest());
        p.SetName(name);
        p.Purpose = (int)(purpose ?? default);
        p.HasPurpose = purpose.HasValue;
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.Result;
    }

    public bool DelAddressBook(TxDestination destination)
    {
        var call = Client.DelAddressBookRequest();
        DestinationConversions.Write(destination, call.Params.InitDest());
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool GetAddress(TxDestination destination, out string name, out AddressPurpose? purpose)
    {
        var call = Client.GetAddressRequest();
        var p = call.Params;
        DestinationConversions.Write(destination, p.InitDest());
        p.WantName = true;
        p.WantPurpose = true;
        using var reply = Call(call, q => q.InitContext());
        var r = reply.Results;
        name = r.Name;
        purpose = r.HasPurpose ? CommonConversions.ToEnum<AddressPurpose>(r.Purpose, "address purpose") : null;
        return r.Result;
    }

    public IReadOnlyList<WalletAddress> GetAddresses() =>
        Ask(Client.GetAddressesRequest(), p => p.InitContext(), r => r.Result.Select(static a => WalletConversions.Read(a)).ToList());

    public IReadOnlyList<string> GetAddressReceiveRequests() =>
        Ask(Client.GetAddressReceiveRequestsRequest(), p => p.InitContext(), r => r.Result.Select(static d => Encoding.UTF8.GetString(d.Span)).ToList());

    public bool SetAddressReceiveRequest(TxDestination destination, string id, string value)
    {
        var call = Client.SetAddressReceiveRequestRequest();
        var p = call.Params;
        DestinationConversions.Write(destination, p.InitDest());
        p.SetId(Encoding.UTF8.GetBytes(id));
        p.SetValue(Encoding.UTF8.GetBytes(value));
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.Result;
    }

    public BilingualString? DisplayAddress(TxDestination destination)
    {
        var call = Client.DisplayAddressRequest();
        DestinationConversions.Write(destination, call.Params.InitDest());
        using var reply = Call(call, p => p.InitContext());
        var result = reply.Results.Result;
        return CommonConversions.ReadOptional(result.Error, result.HasError);
    }

    public bool LockCoin(OutPoint output, bool writeToDb)
    {
        var call = Client.LockCoinRequest();
        var p = call.Params;
        p.SetOutput(W.FromOutPoint(output));
        p.WriteToDb = writeToDb;
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.Result;
    }

    public bool UnlockCoin(OutPoint output)
    {
        var call = Client.UnlockCoinRequest();
        call.Params.SetOutput(W.FromOutPoint(output));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool IsLockedCoin(OutPoint output)
    {
        var call = Client.IsLockedCoinRequest();
        call.Params.SetOutput(W.FromOutPoint(output));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public IReadOnlyList<OutPoint> ListLockedCoins() =>
        Ask(Client.ListLockedCoinsRequest(), p => p.InitContext(), r => r.Outputs.Select(static o => W.ToOutPoint(o)).ToList());

    public InterfaceResult<string> ExportWatchOnlyWallet(string destination)
    {
        var call = Client.ExportWatchOnlyWalletRequest();
        call.Params.SetDestination(Encoding.UTF8.GetBytes(destination));
        using var reply = Call(call, p => p.InitContext());
        var result = reply.Results.Result;
        return result.HasError
            ? InterfaceResult<string>.Failure(CommonConversions.Read(result.Error))
            : InterfaceResult<string>.Success(result.Value.GetText());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }

    private T Ask<TParams, TResults, T>(global::Capnp.Request<TParams, TResults> request, Func<TParams, Multiprocess.Capnp.Context.Builder> context, Func<TResults, T> read)
        where TParams : struct, global::Capnp.IStructBuilder<TParams>
        where TResults : struct, global::Capnp.IStructReader<TResults>
    {
        using var reply = Call(request, context);
        return read(reply.Results);
    }
}
