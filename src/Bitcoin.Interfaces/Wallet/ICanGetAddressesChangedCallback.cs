namespace Bitcoin.Interfaces;

/// <summary>Told when whether the wallet can hand out addresses may have changed (Core's <c>Wallet::CanGetAddressesChangedFn</c>).</summary>
public interface ICanGetAddressesChangedCallback
{
    /// <summary>Ask <see cref="IWallet.CanGetAddresses"/> again.</summary>
    void Call();
}
