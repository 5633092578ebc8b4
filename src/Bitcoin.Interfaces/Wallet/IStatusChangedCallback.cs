namespace Bitcoin.Interfaces;

/// <summary>Told when a wallet is encrypted, locked or unlocked (Core's <c>Wallet::StatusChangedFn</c>).</summary>
public interface IStatusChangedCallback
{
    /// <summary>The wallet's encryption status changed.</summary>
    void Call();
}
