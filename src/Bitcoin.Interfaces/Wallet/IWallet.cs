using Bitcoin.Common.Addresses;
using Bitcoin.Common.Psbt;
using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>
/// One loaded wallet, as a user interface or another process sees it (Core's <c>interfaces::Wallet</c>, the IPC
/// <c>Wallet</c> interface; members are in the order of Core's header). All members are thread-safe.
/// <see cref="IDisposable.Dispose"/> (the IPC <c>destroy</c>) releases this reference; the wallet stays loaded.
/// </summary>
/// <remarks>
/// Amounts are satoshis (<see cref="Money"/>). Transactions returned are copies the caller may keep. Passphrases are
/// plain strings (Core's SecureString; .NET has no equivalent that crosses processes).
/// </remarks>
public interface IWallet : IDisposable
{
    /// <summary>Encrypts an unencrypted wallet with <paramref name="passphrase"/> and leaves it locked; false if it is already encrypted, has private keys disabled, or encryption failed.</summary>
    bool EncryptWallet(string passphrase);

    /// <summary>True if the wallet is encrypted.</summary>
    bool IsCrypted();

    /// <summary>Locks an encrypted wallet (forgets the decryption key); false if it is not encrypted.</summary>
    bool Lock();

    /// <summary>Unlocks an encrypted wallet until <see cref="Lock"/>; false for a wrong passphrase or an unencrypted wallet.</summary>
    bool Unlock(string passphrase);

    /// <summary>True if the wallet is encrypted and locked.</summary>
    bool IsLocked();

    /// <summary>Changes the passphrase; false if <paramref name="oldPassphrase"/> is wrong. The lock state is kept.</summary>
    bool ChangeWalletPassphrase(string oldPassphrase, string newPassphrase);

    /// <summary>Asks a running rescan to stop at the next block; does nothing when none runs.</summary>
    void AbortRescan();

    /// <summary>
    /// Copies the wallet database to the file <paramref name="filename"/> (SQLite's online backup, after saving the
    /// wallet's best block); false on failure, for a directory, and for the wallet's own file.
    /// </summary>
    bool BackupWallet(string filename);

    /// <summary>The wallet's name ("" for the default wallet).</summary>
    string GetWalletName();

    /// <summary>A new receiving address of <paramref name="type"/> labelled <paramref name="label"/>; fails with Core's message ("Error: Keypool ran out, please call keypoolrefill first", "Error: No bech32m addresses available.").</summary>
    InterfaceResult<TxDestination> GetNewDestination(OutputType type, string label);

    /// <summary>The public key with hash <paramref name="address"/> that the wallet can solve <paramref name="script"/> with; false if unknown.</summary>
    bool GetPubKey(Script script, KeyId address, out PubKey? pubKey);

    /// <summary>Signs <paramref name="message"/> with the key of the P2PKH address <paramref name="pkHash"/> (base64 compact signature in <paramref name="signature"/>).</summary>
    SigningResult SignMessage(string message, KeyId pkHash, out string signature);

    /// <summary>True if the wallet has the private keys to spend outputs to <paramref name="destination"/>.</summary>
    bool IsSpendable(TxDestination destination);

    /// <summary>Adds or updates an address book entry (the purpose only when given); false if it could not be written.</summary>
    bool SetAddressBook(TxDestination destination, string name, AddressPurpose? purpose);

    /// <summary>Removes a non-own address book entry; false for the wallet's own addresses or on write failure.</summary>
    bool DelAddressBook(TxDestination destination);

    /// <summary>Looks an address up in the address book; false if it has no entry (change addresses have none).</summary>
    bool GetAddress(TxDestination destination, out string name, out AddressPurpose? purpose);

    /// <summary>Every address book entry (change excluded).</summary>
    IReadOnlyList<WalletAddress> GetAddresses();

    /// <summary>Every stored receive request (GUI payment requests), as stored.</summary>
    IReadOnlyList<string> GetAddressReceiveRequests();

    /// <summary>Stores (or with an empty <paramref name="value"/> erases) the receive request <paramref name="id"/> of an address.</summary>
    bool SetAddressReceiveRequest(TxDestination destination, string id, string value);

    /// <summary>Shows an address on the external signer; null on success, else the error ("There is no ScriptPubKeyManager for this address").</summary>
    BilingualString? DisplayAddress(TxDestination destination);

    /// <summary>Excludes an output from coin selection; persisted across restarts when <paramref name="writeToDb"/>.</summary>
    bool LockCoin(OutPoint output, bool writeToDb);

    /// <summary>Allows an output in coin selection again.</summary>
    bool UnlockCoin(OutPoint output);

    /// <summary>True if the output is locked.</summary>
    bool IsLockedCoin(OutPoint output);

    /// <summary>The locked outputs.</summary>
    IReadOnlyList<OutPoint> ListLockedCoins();

    /// <summary>
    /// Builds (and if <paramref name="sign"/> signs) a transaction paying <paramref name="recipients"/>, with change at
    /// <paramref name="changePosition"/> (null: a random position). Nothing is stored or broadcast (see
    /// <see cref="CommitTransaction"/>); a reserved change address is kept only if it was used. Fails with Core's
    /// messages: "Insufficient funds", "Transaction amount too small", "Change index out of range", "Signing transaction
    /// failed" (a locked wallet with <paramref name="sign"/>), "Fee exceeds maximum configured by user ...".
    /// </summary>
    InterfaceResult<CreatedTransactionResult> CreateTransaction(IReadOnlyList<Recipient> recipients, CoinControl coinControl, bool sign, int? changePosition);

    /// <summary>
    /// Adds a transaction made by <see cref="CreateTransaction"/> to the wallet (written to disk first) and then
    /// submits it to the node; <paramref name="messages"/> are BIP21 messages to keep with it. A mempool rejection is
    /// only logged: the transaction stays in the wallet, unconfirmed, and is resubmitted later (or can be abandoned).
    /// </summary>
    void CommitTransaction(Transaction tx, IReadOnlyList<string> messages);

    /// <summary>True if the transaction is in the wallet, unconfirmed, not in the mempool and not abandoned.</summary>
    bool TransactionCanBeAbandoned(uint256 txid);

    /// <summary>Marks an unconfirmed transaction not in the mempool (and its descendants) abandoned, freeing its inputs; false otherwise.</summary>
    bool AbandonTransaction(uint256 txid);

    /// <summary>True if the transaction can be fee-bumped (BIP125 replacement by the wallet).</summary>
    bool TransactionCanBeBumped(uint256 txid);

    /// <summary>Builds an unsigned fee bump of <paramref name="txid"/>; false with the reasons in <paramref name="errors"/>.</summary>
    bool CreateBumpTransaction(uint256 txid, CoinControl coinControl, out IReadOnlyList<BilingualString> errors, out Money oldFee, out Money newFee,
        out Transaction? bumpTransaction);

    /// <summary>Signs a fee bump made by <see cref="CreateBumpTransaction"/> in place; false if it could not be fully signed.</summary>
    bool SignBumpTransaction(Transaction bumpTransaction);

    /// <summary>Replaces <paramref name="txid"/> with the signed bump and broadcasts it; false with the reasons in <paramref name="errors"/>.</summary>
    bool CommitBumpTransaction(uint256 txid, Transaction bumpTransaction, out IReadOnlyList<BilingualString> errors, out uint256? bumpedTxid);

    /// <summary>The wallet transaction <paramref name="txid"/>, or null if the wallet does not have it.</summary>
    Transaction? GetTx(uint256 txid);

    /// <summary>The wallet transaction <paramref name="txid"/> with what the wallet knows of it, or null if unknown.</summary>
    WalletTx? GetWalletTx(uint256 txid);

    /// <summary>Every wallet transaction, ordered by txid.</summary>
    IReadOnlyList<WalletTx> GetWalletTxs();

    /// <summary>
    /// The status of a transaction if the wallet is not busy (Core's try-lock); false if it is busy or the
    /// transaction unknown. <paramref name="numBlocks"/> is the wallet's last processed height, <paramref name="blockTime"/> its time.
    /// </summary>
    bool TryGetTxStatus(uint256 txid, out WalletTxStatus? status, out int numBlocks, out long blockTime);

    /// <summary>Everything the GUI's transaction details show; null if the transaction is unknown.</summary>
    WalletTx? GetWalletTxDetails(uint256 txid, out WalletTxStatus? status, out IReadOnlyList<string> messages, out IReadOnlyList<string> paymentRequests,
        out bool inMempool, out int numBlocks);

    /// <summary>Adds what the wallet knows to <paramref name="psbt"/> (in place) and signs what it can; null on success.</summary>
    PsbtError? FillPsbt(PsbtFillOptions options, PartiallySignedTransaction psbt, out int signedCount, out bool complete);

    /// <summary>The wallet's balances.</summary>
    WalletBalances GetBalances();

    /// <summary>The balances if the wallet is not busy, with the block they are as of; false if it is busy.</summary>
    bool TryGetBalances(out WalletBalances? balances, out uint256? blockHash);

    /// <summary>The trusted balance (<see cref="WalletBalances.Balance"/>).</summary>
    Money GetBalance();

    /// <summary>
    /// What coin selection could spend under <paramref name="coinControl"/>: its selected inputs only when it allows no
    /// others, otherwise every spendable coin that is not locked (0 for a watch-only wallet unless the control allows
    /// watch-only coins).
    /// </summary>
    Money GetAvailableBalance(CoinControl coinControl);

    /// <summary>True if the input spends one of the wallet's outputs.</summary>
    bool TxinIsMine(TxIn txin);

    /// <summary>True if the output pays the wallet.</summary>
    bool TxoutIsMine(TxOut txout);

    /// <summary>The amount of the wallet output the input spends (0 if not the wallet's).</summary>
    Money GetDebit(TxIn txin);

    /// <summary>The output's amount if it pays the wallet, else 0.</summary>
    Money GetCredit(TxOut txout);

    /// <summary>Spendable and locked outputs grouped by address (change grouped with the address it came from).</summary>
    IReadOnlyDictionary<TxDestination, IReadOnlyList<(OutPoint OutPoint, WalletTxOut Output)>> ListCoins();

    /// <summary>
    /// The wallet's view of each output, in the order asked: an empty entry with depth -1 for an output the wallet does
    /// not know, whose index is out of range, or whose transaction is conflicted.
    /// </summary>
    IReadOnlyList<WalletTxOut> GetCoins(IReadOnlyList<OutPoint> outputs);

    /// <summary>The lowest fee the wallet pays for <paramref name="txBytes"/> vbytes (max of -mintxfee and relay fee).</summary>
    Money GetRequiredFee(uint txBytes);

    /// <summary>The fee the wallet would pay for <paramref name="txBytes"/> vbytes under <paramref name="coinControl"/>, with the target used and why.</summary>
    Money GetMinimumFee(uint txBytes, CoinControl coinControl, out int? returnedTarget, out FeeReason reason);

    /// <summary>The default confirmation target (-txconfirmtarget).</summary>
    uint GetConfirmTarget();

    /// <summary>True if every active descriptor is ranged (HD).</summary>
    bool HdEnabled();

    /// <summary>True if the wallet can hand out new addresses (it has an active ranged descriptor).</summary>
    bool CanGetAddresses();

    /// <summary>True for a watch-only wallet (disable_private_keys).</summary>
    bool PrivateKeysDisabled();

    /// <summary>True if the wallet has an active taproot (bech32m) descriptor.</summary>
    bool TaprootEnabled();

    /// <summary>True if the wallet uses an external signer.</summary>
    bool HasExternalSigner();

    /// <summary>The default receiving address type (-addresstype).</summary>
    OutputType GetDefaultAddressType();

    /// <summary>The largest fee a transaction may pay (-maxtxfee).</summary>
    Money GetDefaultMaxTxFee();

    /// <summary>
    /// Unloads the wallet (as unloadwallet, leaving the load-on-startup list alone): its best block is saved, its
    /// notifications stop and <see cref="HandleUnload"/> callbacks run; the file is closed once no call uses it. Later
    /// calls through this reference fail.
    /// </summary>
    void Remove();

    /// <summary>Registers for the wallet's unload (called once, on the unloading thread); the handler may be disconnected from the callback.</summary>
    IHandler HandleUnload(IUnloadWalletCallback callback);

    /// <summary>Registers for progress of long tasks (rescans): a title and 0..100, where 100 ends the task (also on abort).</summary>
    IHandler HandleShowProgress(IShowWalletProgressCallback callback);

    /// <summary>Registers for lock-state changes: encryption, unlock, lock (also the automatic relock after walletpassphrase's timeout).</summary>
    IHandler HandleStatusChanged(IStatusChangedCallback callback);

    /// <summary>Registers for address book changes.</summary>
    IHandler HandleAddressBookChanged(IAddressBookChangedCallback callback);

    /// <summary>
    /// Registers for transaction changes: each added, updated (confirmed, conflicted, abandoned, replaced) or deleted
    /// wallet transaction, with its txid, on the thread that changed it (often the node's notification thread).
    /// </summary>
    IHandler HandleTransactionChanged(ITransactionChangedCallback callback);

    /// <summary>Registers for changes of <see cref="CanGetAddresses"/>.</summary>
    IHandler HandleCanGetAddressesChanged(ICanGetAddressesChangedCallback callback);

    /// <summary>Writes a watch-only copy of the wallet to <paramref name="destination"/>; the path written, or the error.</summary>
    InterfaceResult<string> ExportWatchOnlyWallet(string destination);
}
