namespace Bitcoin.Interfaces;

/// <summary>Told of a wallet's long task progress (Core's <c>Wallet::ShowProgressFn</c>).</summary>
public interface IShowWalletProgressCallback
{
    /// <summary>Progress of <paramref name="title"/> (0..100; 100 ends it).</summary>
    void Call(string title, int progress);
}
