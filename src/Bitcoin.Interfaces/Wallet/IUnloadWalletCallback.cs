namespace Bitcoin.Interfaces;

/// <summary>Told when a wallet is unloaded (Core's <c>Wallet::UnloadFn</c>, the IPC <c>UnloadWalletCallback</c>).</summary>
public interface IUnloadWalletCallback
{
    /// <summary>The wallet was unloaded: release it.</summary>
    void Call();
}
