using Bitcoin.Common.Addresses;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>A transaction was added or its state changed (Core's NotifyTransactionChanged).</summary>
    public event Action<uint256, ChangeStatus>? TransactionChanged;

    /// <summary>The wallet is being unloaded (Core's NotifyUnload).</summary>
    public event Action? Unloaded;

    /// <summary>Progress of a long task: title and 0..100 (Core's ShowProgress).</summary>
    public event Action<string, int>? ShowProgress;

    /// <summary>Encryption, lock or unlock (Core's NotifyStatusChanged).</summary>
    public event Action? StatusChanged;

    /// <summary>An address book entry changed (Core's NotifyAddressBookChanged).</summary>
    public event Action<TxDestination, string, bool, AddressPurpose, ChangeStatus>? AddressBookChanged;

    /// <summary>Whether the wallet can hand out addresses may have changed (Core's NotifyCanGetAddressesChanged).</summary>
    public event Action? CanGetAddressesChanged;

    private void Raise(Action? handlers, string what)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((Action)handler)();
            }
            catch (Exception e)
            {
                // A misbehaving subscriber (a GUI) must not break the wallet.
                Log.Warning($"[{DisplayName}] {what} handler failed: {e.Message}");
            }
        }
    }

    internal void RaiseTransactionChanged(uint256 txid, ChangeStatus status)
    {
        var handlers = TransactionChanged;
        if (handlers is null) return;
        Raise(() => handlers(txid, status), "TransactionChanged");
    }

    internal void RaiseUnloaded() => Raise(Unloaded, "Unload");

    internal void RaiseShowProgress(string title, int progress)
    {
        var handlers = ShowProgress;
        if (handlers is not null) Raise(() => handlers(title, progress), "ShowProgress");
        Chain?.ShowProgress(title, progress, resumePossible: false);
    }

    internal void RaiseStatusChanged() => Raise(StatusChanged, "StatusChanged");

    internal void RaiseAddressBookChanged(TxDestination address, string label, bool isMine, AddressPurpose purpose, ChangeStatus status)
    {
        var handlers = AddressBookChanged;
        if (handlers is not null) Raise(() => handlers(address, label, isMine, purpose, status), "AddressBookChanged");
    }

    internal void RaiseCanGetAddressesChanged() => Raise(CanGetAddressesChanged, "CanGetAddressesChanged");
}
