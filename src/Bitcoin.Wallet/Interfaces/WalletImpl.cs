using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Interfaces.Internal;
using Bitcoin.Wallet.Model;
using NBitcoin;
using static Bitcoin.Wallet.Interfaces.Internal.WalletTxViews;

namespace Bitcoin.Wallet.Interfaces;

/// <summary>
/// <see cref="IWallet"/> over one loaded <see cref="DescriptorWallet"/> (Core's wallet/interfaces.cpp WalletImpl).
/// Disposing it releases this reference only; the wallet stays loaded until <see cref="Remove"/> or unloadwallet.
/// The spending members are in WalletImpl.Spending.cs.
/// </summary>
internal sealed partial class WalletImpl : IWallet
{
    private readonly WalletContext _context;
    private readonly DescriptorWallet _wallet;

    public WalletImpl(WalletContext context, DescriptorWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(wallet);
        _context = context;
        _wallet = wallet;
    }

    /// <summary>The wallet behind this interface (for in-process callers such as tests).</summary>
    public DescriptorWallet Wallet => _wallet;

    /// <inheritdoc/>
    public bool EncryptWallet(string passphrase) => _wallet.EncryptWallet(passphrase);

    /// <inheritdoc/>
    public bool IsCrypted() => _wallet.HasEncryptionKeys();

    /// <inheritdoc/>
    public bool Lock() => _wallet.Lock();

    /// <inheritdoc/>
    public bool Unlock(string passphrase) => _wallet.Unlock(passphrase);

    /// <inheritdoc/>
    public bool IsLocked() => _wallet.IsLocked();

    /// <inheritdoc/>
    public bool ChangeWalletPassphrase(string oldPassphrase, string newPassphrase) => _wallet.ChangeWalletPassphrase(oldPassphrase, newPassphrase);

    /// <inheritdoc/>
    public void AbortRescan() => _wallet.AbortRescan();

    /// <inheritdoc/>
    public bool BackupWallet(string filename) => _wallet.BackupWallet(filename);

    /// <inheritdoc/>
    public string GetWalletName() => _wallet.Name;

    /// <inheritdoc/>
    public InterfaceResult<TxDestination> GetNewDestination(OutputType type, string label)
    {
        lock (_wallet.SyncRoot) return _wallet.GetNewDestination(type, label);
    }

    /// <inheritdoc/>
    public bool GetPubKey(Script script, KeyId address, out PubKey? pubKey)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(address);
        pubKey = null;
        if (_wallet.GetSolvingProvider(script) is not { } provider || !provider.TryGetPubKey(address, out var found)) return false;
        pubKey = found;
        return true;
    }

    /// <inheritdoc/>
    public SigningResult SignMessage(string message, KeyId pkHash, out string signature) => _wallet.SignMessage(message, pkHash, out signature);

    /// <inheritdoc/>
    public bool IsSpendable(TxDestination destination)
    {
        lock (_wallet.SyncRoot) return _wallet.IsMine(destination);
    }

    /// <inheritdoc/>
    public bool SetAddressBook(TxDestination destination, string name, AddressPurpose? purpose) => _wallet.SetAddressBook(destination, name, purpose);

    /// <inheritdoc/>
    public bool DelAddressBook(TxDestination destination) => _wallet.DelAddressBook(destination);

    /// <inheritdoc/>
    public bool GetAddress(TxDestination destination, out string name, out AddressPurpose? purpose)
    {
        lock (_wallet.SyncRoot)
        {
            name = "";
            purpose = null;
            if (_wallet.FindAddressBookEntry(destination, allowChange: false) is not { } entry) return false;
            name = entry.GetLabel();
            // Very old wallets kept no purpose: it follows from whether the address is the wallet's.
            purpose = entry.Purpose ?? (_wallet.IsMine(destination) ? AddressPurpose.Receive : AddressPurpose.Send);
            return true;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<WalletAddress> GetAddresses()
    {
        lock (_wallet.SyncRoot)
        {
            var result = new List<WalletAddress>();
            foreach (var (destination, entry) in _wallet.AddressBook)
            {
                if (entry.IsChange) continue;
                bool isMine = _wallet.IsMine(destination);
                result.Add(new WalletAddress(destination, isMine, entry.Purpose ?? (isMine ? AddressPurpose.Receive : AddressPurpose.Send), entry.GetLabel()));
            }

            return result;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> GetAddressReceiveRequests()
    {
        lock (_wallet.SyncRoot) return _wallet.GetAddressReceiveRequests();
    }

    /// <inheritdoc/>
    public bool SetAddressReceiveRequest(TxDestination destination, string id, string value)
    {
        lock (_wallet.SyncRoot) return _wallet.SetAddressReceiveRequest(destination, id, value);
    }

    /// <inheritdoc/>
    public BilingualString? DisplayAddress(TxDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        // Only an external signer's script pub key manager can show an address; this wallet has none, so every
        // address gets Core's answer for "no such manager".
        return BilingualString.Untranslated("There is no ScriptPubKeyManager for this address");
    }

    /// <inheritdoc/>
    public bool LockCoin(OutPoint output, bool writeToDb)
    {
        lock (_wallet.SyncRoot) return _wallet.LockCoin(output, writeToDb);
    }

    /// <inheritdoc/>
    public bool UnlockCoin(OutPoint output)
    {
        lock (_wallet.SyncRoot) return _wallet.UnlockCoin(output);
    }

    /// <inheritdoc/>
    public bool IsLockedCoin(OutPoint output)
    {
        lock (_wallet.SyncRoot) return _wallet.IsLockedCoin(output);
    }

    /// <inheritdoc/>
    public IReadOnlyList<OutPoint> ListLockedCoins()
    {
        lock (_wallet.SyncRoot) return _wallet.ListLockedCoins();
    }

    /// <inheritdoc/>
    public void CommitTransaction(Transaction tx, IReadOnlyList<string> messages)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(messages);
        lock (_wallet.SyncRoot) _wallet.CommitTransaction(tx, replacesTxid: null, comment: null, commentTo: null, messages, paymentRequests: []);
    }

    /// <inheritdoc/>
    public bool TransactionCanBeAbandoned(uint256 txid) => _wallet.TransactionCanBeAbandoned(txid);

    /// <inheritdoc/>
    public bool AbandonTransaction(uint256 txid)
    {
        lock (_wallet.SyncRoot) return _wallet.AbandonTransaction(txid);
    }

    /// <inheritdoc/>
    public Transaction? GetTx(uint256 txid)
    {
        lock (_wallet.SyncRoot) return _wallet.GetWalletTx(txid)?.Tx.Clone();
    }

    /// <inheritdoc/>
    public WalletTx? GetWalletTx(uint256 txid)
    {
        lock (_wallet.SyncRoot) return _wallet.GetWalletTx(txid) is { } wtx ? MakeWalletTx(_wallet, wtx) : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<WalletTx> GetWalletTxs()
    {
        lock (_wallet.SyncRoot)
        {
            return [.. _wallet.Transactions.OrderBy(p => p.Key).Select(p => MakeWalletTx(_wallet, p.Value))];
        }
    }

    /// <inheritdoc/>
    public bool TryGetTxStatus(uint256 txid, out WalletTxStatus? status, out int numBlocks, out long blockTime)
    {
        status = null;
        numBlocks = 0;
        blockTime = -1;
        // A GUI polls this: it must not wait behind a rescan or a long RPC holding the wallet.
        if (!_wallet.SyncRoot.TryEnter()) return false;
        try
        {
            if (_wallet.GetWalletTx(txid) is not { } wtx) return false;
            numBlocks = _wallet.LastBlockHeight;
            if (_wallet.Chain is { } chain && chain.FindBlock(_wallet.LastBlockHash, new FoundBlockRequest { WantTime = true }, out var block) && block.Found)
                blockTime = block.Time;
            status = MakeWalletTxStatus(_wallet, wtx);
            return true;
        }
        finally
        {
            _wallet.SyncRoot.Exit();
        }
    }

    /// <inheritdoc/>
    public WalletTx? GetWalletTxDetails(uint256 txid, out WalletTxStatus? status, out IReadOnlyList<string> messages, out IReadOnlyList<string> paymentRequests,
        out bool inMempool, out int numBlocks)
    {
        lock (_wallet.SyncRoot)
        {
            status = null;
            messages = [];
            paymentRequests = [];
            inMempool = false;
            numBlocks = 0;
            if (_wallet.GetWalletTx(txid) is not { } wtx) return null;
            numBlocks = _wallet.LastBlockHeight;
            inMempool = wtx.InMempool;
            messages = [.. wtx.Messages];
            paymentRequests = [.. wtx.PaymentRequests];
            status = MakeWalletTxStatus(_wallet, wtx);
            return MakeWalletTx(_wallet, wtx);
        }
    }

    /// <inheritdoc/>
    public WalletBalances GetBalances()
    {
        var balance = _wallet.GetBalance();
        return new WalletBalances
        {
            Balance = Money.Satoshis(balance.MineTrusted),
            UnconfirmedBalance = Money.Satoshis(balance.MineUntrustedPending),
            ImmatureBalance = Money.Satoshis(balance.MineImmature),
            UsedBalance = Money.Satoshis(balance.MineUsed),
            NonMempoolBalance = Money.Satoshis(balance.MineNonMempool),
        };
    }

    /// <inheritdoc/>
    public bool TryGetBalances(out WalletBalances? balances, out uint256? blockHash)
    {
        balances = null;
        blockHash = null;
        if (!_wallet.SyncRoot.TryEnter()) return false;
        try
        {
            blockHash = _wallet.LastBlockHash;
            balances = GetBalances();
            return true;
        }
        finally
        {
            _wallet.SyncRoot.Exit();
        }
    }

    /// <inheritdoc/>
    public Money GetBalance() => Money.Satoshis(_wallet.GetBalance().MineTrusted);

    /// <inheritdoc/>
    public bool TxinIsMine(TxIn txin)
    {
        lock (_wallet.SyncRoot) return _wallet.InputIsMine(txin);
    }

    /// <inheritdoc/>
    public bool TxoutIsMine(TxOut txout)
    {
        lock (_wallet.SyncRoot) return _wallet.IsMine(txout);
    }

    /// <inheritdoc/>
    public Money GetDebit(TxIn txin)
    {
        lock (_wallet.SyncRoot) return Money.Satoshis(_wallet.GetDebit(txin));
    }

    /// <inheritdoc/>
    public Money GetCredit(TxOut txout)
    {
        ArgumentNullException.ThrowIfNull(txout);
        lock (_wallet.SyncRoot)
        {
            // Core's MoneyRange check: an impossible amount is a caller bug, not a credit.
            if (txout.Value.Satoshi < 0 || txout.Value.Satoshi > 21_000_000L * 100_000_000L)
                throw new ArgumentOutOfRangeException(nameof(txout), "GetCredit: value out of range");
            return _wallet.IsMine(txout) ? txout.Value : Money.Zero;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<TxDestination, IReadOnlyList<(OutPoint OutPoint, WalletTxOut Output)>> ListCoins()
    {
        lock (_wallet.SyncRoot)
        {
            var result = new Dictionary<TxDestination, List<(OutPoint, WalletTxOut)>>();
            foreach (var (destination, coins) in _wallet.ListCoins())
                result[destination] = [.. coins.Select(c => (c.OutPoint, MakeWalletTxOut(_wallet, c)))];
            return result.ToDictionary(p => p.Key, p => (IReadOnlyList<(OutPoint, WalletTxOut)>)p.Value);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<WalletTxOut> GetCoins(IReadOnlyList<OutPoint> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        lock (_wallet.SyncRoot)
        {
            var result = new List<WalletTxOut>(outputs.Count);
            foreach (var output in outputs)
            {
                // Unknown outputs get an empty entry with depth -1, as Core's default WalletTxOut.
                var entry = new WalletTxOut(new TxOut(), 0, -1, false);
                if (_wallet.GetWalletTx(output.Hash) is { } wtx && output.N < wtx.Tx.Outputs.Count)
                {
                    int depth = _wallet.GetTxDepthInMainChain(wtx);
                    if (depth >= 0) entry = MakeWalletTxOut(_wallet, wtx, (int)output.N, depth);
                }

                result.Add(entry);
            }

            return result;
        }
    }

    /// <inheritdoc/>
    public uint GetConfirmTarget() => _wallet.Options.ConfirmTarget;

    /// <inheritdoc/>
    public bool HdEnabled() => _wallet.IsHdEnabled();

    /// <inheritdoc/>
    public bool CanGetAddresses() => _wallet.CanGetAddresses();

    /// <inheritdoc/>
    public bool PrivateKeysDisabled() => _wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys);

    /// <inheritdoc/>
    public bool TaprootEnabled() => _wallet.GetScriptPubKeyMan(OutputType.Bech32m, internalChain: false) is not null;

    /// <inheritdoc/>
    public bool HasExternalSigner() => _wallet.IsWalletFlagSet(WalletFlags.ExternalSigner);

    /// <inheritdoc/>
    public OutputType GetDefaultAddressType() => _wallet.Options.DefaultAddressType;

    /// <inheritdoc/>
    public Money GetDefaultMaxTxFee() => Money.Satoshis(_wallet.Options.DefaultMaxTxFee);

    /// <inheritdoc/>
    public void Remove() => _context.RemoveWallet(_wallet, loadOnStartup: false, []);

    /// <inheritdoc/>
    public IHandler HandleUnload(IUnloadWalletCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Action handler = callback.Call;
        _wallet.Unloaded += handler;
        return new ActionHandler(() => _wallet.Unloaded -= handler);
    }

    /// <inheritdoc/>
    public IHandler HandleShowProgress(IShowWalletProgressCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Action<string, int> handler = callback.Call;
        _wallet.ShowProgress += handler;
        return new ActionHandler(() => _wallet.ShowProgress -= handler);
    }

    /// <inheritdoc/>
    public IHandler HandleStatusChanged(IStatusChangedCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Action handler = callback.Call;
        _wallet.StatusChanged += handler;
        return new ActionHandler(() => _wallet.StatusChanged -= handler);
    }

    /// <inheritdoc/>
    public IHandler HandleAddressBookChanged(IAddressBookChangedCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Action<TxDestination, string, bool, AddressPurpose, ChangeStatus> handler = callback.Call;
        _wallet.AddressBookChanged += handler;
        return new ActionHandler(() => _wallet.AddressBookChanged -= handler);
    }

    /// <inheritdoc/>
    public IHandler HandleTransactionChanged(ITransactionChangedCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Action<uint256, ChangeStatus> handler = callback.Call;
        _wallet.TransactionChanged += handler;
        return new ActionHandler(() => _wallet.TransactionChanged -= handler);
    }

    /// <inheritdoc/>
    public IHandler HandleCanGetAddressesChanged(ICanGetAddressesChangedCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Action handler = callback.Call;
        _wallet.CanGetAddressesChanged += handler;
        return new ActionHandler(() => _wallet.CanGetAddressesChanged -= handler);
    }

    /// <inheritdoc/>
    public InterfaceResult<string> ExportWatchOnlyWallet(string destination)
    {
        lock (_wallet.SyncRoot)
        {
            _wallet.TopUpKeyPool();
            return _wallet.ExportWatchOnlyWallet(destination, _context.Args);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Releases the interface only; the wallet is unloaded by Remove or unloadwallet.
    }
}
