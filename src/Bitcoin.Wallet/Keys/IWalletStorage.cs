using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet.Keys;

/// <summary>What a <see cref="DescriptorScriptPubKeyMan"/> needs from the wallet that owns it (Core's <c>WalletStorage</c>).</summary>
internal interface IWalletStorage
{
    /// <summary>A name for log lines.</summary>
    string LogName { get; }

    /// <summary>The wallet's database.</summary>
    SqliteWalletDatabase Database { get; }

    /// <summary>True if the wallet flag is set.</summary>
    bool IsWalletFlagSet(WalletFlags flag);

    /// <summary>Clears the blank flag (when keys are generated).</summary>
    void UnsetBlankWalletFlag(WalletBatch batch);

    /// <summary>True if the wallet has a master key (is encrypted).</summary>
    bool HasEncryptionKeys();

    /// <summary>True if encrypted and locked.</summary>
    bool IsLocked();

    /// <summary>Runs <paramref name="callback"/> with the plain master key (empty while locked).</summary>
    bool WithEncryptionKey(Func<byte[], bool> callback);

    /// <summary>New output scripts became the manager's (after a top-up or load).</summary>
    void TopUpCallback(IReadOnlyCollection<Script> scripts, DescriptorScriptPubKeyMan manager);

    /// <summary>Whether the manager can hand out addresses may have changed.</summary>
    void NotifyCanGetAddressesChanged();
}
