using Bitcoin.Common.Addresses;

namespace Bitcoin.Interfaces;

/// <summary>Told of address book changes (Core's <c>Wallet::AddressBookChangedFn</c>).</summary>
public interface IAddressBookChangedCallback
{
    /// <summary>The entry of <paramref name="address"/> was added, updated or deleted.</summary>
    void Call(TxDestination address, string label, bool isMine, AddressPurpose purpose, ChangeStatus status);
}
