using Bitcoin.Common.Addresses;
using Bitcoin.Common.Psbt;
using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>An <see cref="IWallet"/> that records every call and answers distinct values, calling back the
/// callbacks it is given.</summary>
internal sealed class FakeWallet(List<string> calls, string name = "w1") : IWallet
{
    private static readonly Transaction Tx = FakeChain.SampleTx;
    private static readonly TxDestination Dest = new WitnessV0KeyHashDestination(TestData.Key.PubKey.Hash);

    private void Record(string member, params object?[] args)
    {
        lock (calls) calls.Add(name + "." + member + "(" + string.Join(", ", args.Select(Canon.Of)) + ")");
    }

    private static WalletTx MakeWalletTx() => new()
    {
        Tx = Tx, TxinIsMine = [true], TxoutIsMine = [true, false], TxoutIsChange = [false, false], TxoutAddress = [Dest, new NoDestination()],
        TxoutAddressIsMine = [true, false], Credit = Money.Satoshis(11), Debit = Money.Satoshis(12), Change = Money.Satoshis(13), Time = 99, Message = "hi", IsCoinBase = false,
    };

    private static readonly WalletTxStatus Status = new() { BlockHeight = 7, DepthInMainChain = 3, TimeReceived = 5, IsTrusted = true, IsInMainChain = true };

    public bool EncryptWallet(string passphrase) { Record(nameof(EncryptWallet), passphrase); return true; }
    public bool IsCrypted() { Record(nameof(IsCrypted)); return true; }
    public bool Lock() { Record(nameof(Lock)); return true; }
    public bool Unlock(string passphrase) { Record(nameof(Unlock), passphrase); return passphrase == "pässwörd"; }
    public bool IsLocked() { Record(nameof(IsLocked)); return true; }
    public bool ChangeWalletPassphrase(string oldPassphrase, string newPassphrase) { Record(nameof(ChangeWalletPassphrase), oldPassphrase, newPassphrase); return true; }
    public void AbortRescan() => Record(nameof(AbortRescan));
    public bool BackupWallet(string filename) { Record(nameof(BackupWallet), filename); return true; }
    public string GetWalletName() { Record(nameof(GetWalletName)); return name; }
    public InterfaceResult<TxDestination> GetNewDestination(OutputType type, string label) { Record(nameof(GetNewDestination), type, label); return type == OutputType.Legacy ? InterfaceResult<TxDestination>.Failure("Error: Keypool ran out, please call keypoolrefill first") : InterfaceResult<TxDestination>.Success(Dest); }
    public bool GetPubKey(Script script, KeyId address, out PubKey? pubKey) { Record(nameof(GetPubKey), script, address); pubKey = TestData.Key.PubKey; return true; }
    public SigningResult SignMessage(string message, KeyId pkHash, out string signature) { Record(nameof(SignMessage), message, pkHash); signature = "H+sig=="; return SigningResult.Ok; }
    public bool IsSpendable(TxDestination destination) { Record(nameof(IsSpendable), destination); return true; }
    public bool SetAddressBook(TxDestination destination, string label, AddressPurpose? purpose) { Record(nameof(SetAddressBook), destination, label, purpose); return true; }
    public bool DelAddressBook(TxDestination destination) { Record(nameof(DelAddressBook), destination); return false; }
    public bool GetAddress(TxDestination destination, out string label, out AddressPurpose? purpose) { Record(nameof(GetAddress), destination); label = "alice"; purpose = destination is PubKeyHashDestination ? null : AddressPurpose.Send; return true; }
    public IReadOnlyList<WalletAddress> GetAddresses() { Record(nameof(GetAddresses)); return [new WalletAddress(Dest, true, AddressPurpose.Receive, "me")]; }
    public IReadOnlyList<string> GetAddressReceiveRequests() { Record(nameof(GetAddressReceiveRequests)); return ["req1", "req2"]; }
    public bool SetAddressReceiveRequest(TxDestination destination, string id, string value) { Record(nameof(SetAddressReceiveRequest), destination, id, value); return true; }
    public BilingualString? DisplayAddress(TxDestination destination) { Record(nameof(DisplayAddress), destination); return BilingualString.Untranslated("There is no ScriptPubKeyManager for this address"); }
    public bool LockCoin(OutPoint output, bool writeToDb) { Record(nameof(LockCoin), output, writeToDb); return true; }
    public bool UnlockCoin(OutPoint output) { Record(nameof(UnlockCoin), output); return true; }
    public bool IsLockedCoin(OutPoint output) { Record(nameof(IsLockedCoin), output); return true; }
    public IReadOnlyList<OutPoint> ListLockedCoins() { Record(nameof(ListLockedCoins)); return [new OutPoint(uint256.One, 2)]; }

    public InterfaceResult<CreatedTransactionResult> CreateTransaction(IReadOnlyList<Recipient> recipients, CoinControl coinControl, bool sign, int? changePosition)
    {
        Record(nameof(CreateTransaction), recipients, coinControl, sign, changePosition);
        return recipients.Count == 0 ? InterfaceResult<CreatedTransactionResult>.Failure("Transaction must have at least one recipient")
            : InterfaceResult<CreatedTransactionResult>.Success(new CreatedTransactionResult(Tx, Money.Satoshis(141), FeeReason.Fallback, 1));
    }

    public void CommitTransaction(Transaction tx, IReadOnlyList<string> messages) => Record(nameof(CommitTransaction), tx, messages);
    public bool TransactionCanBeAbandoned(uint256 txid) { Record(nameof(TransactionCanBeAbandoned), txid); return true; }
    public bool AbandonTransaction(uint256 txid) { Record(nameof(AbandonTransaction), txid); return true; }
    public bool TransactionCanBeBumped(uint256 txid) { Record(nameof(TransactionCanBeBumped), txid); return true; }

    public bool CreateBumpTransaction(uint256 txid, CoinControl coinControl, out IReadOnlyList<BilingualString> errors, out Money oldFee, out Money newFee, out Transaction? bumpTransaction)
    {
        Record(nameof(CreateBumpTransaction), txid, coinControl);
        errors = [BilingualString.Untranslated("warn")];
        oldFee = Money.Satoshis(100);
        newFee = Money.Satoshis(200);
        bumpTransaction = Tx;
        return true;
    }

    public bool SignBumpTransaction(Transaction bumpTransaction)
    {
        Record(nameof(SignBumpTransaction), bumpTransaction);
        bumpTransaction.LockTime = 123;
        return true;
    }

    public bool CommitBumpTransaction(uint256 txid, Transaction bumpTransaction, out IReadOnlyList<BilingualString> errors, out uint256? bumpedTxid)
    {
        Record(nameof(CommitBumpTransaction), txid, bumpTransaction);
        errors = [];
        bumpedTxid = new uint256(77);
        return true;
    }

    public Transaction? GetTx(uint256 txid) { Record(nameof(GetTx), txid); return txid == uint256.One ? null : Tx; }
    public WalletTx? GetWalletTx(uint256 txid) { Record(nameof(GetWalletTx), txid); return txid == uint256.One ? null : MakeWalletTx(); }
    public IReadOnlyList<WalletTx> GetWalletTxs() { Record(nameof(GetWalletTxs)); return [MakeWalletTx(), MakeWalletTx()]; }
    public bool TryGetTxStatus(uint256 txid, out WalletTxStatus? status, out int numBlocks, out long blockTime) { Record(nameof(TryGetTxStatus), txid); status = Status; numBlocks = 110; blockTime = 1_700_000_000; return true; }

    public WalletTx? GetWalletTxDetails(uint256 txid, out WalletTxStatus? status, out IReadOnlyList<string> messages, out IReadOnlyList<string> paymentRequests, out bool inMempool, out int numBlocks)
    {
        Record(nameof(GetWalletTxDetails), txid);
        status = Status;
        messages = ["thanks", "again"];
        paymentRequests = ["pr"];
        inMempool = true;
        numBlocks = 111;
        return MakeWalletTx();
    }

    public PsbtError? FillPsbt(PsbtFillOptions options, PartiallySignedTransaction psbt, out int signedCount, out bool complete)
    {
        Record(nameof(FillPsbt), options, PsbtEncoding.ToBase64(psbt));
        psbt.Unknown[[0x99, 1]] = [7];
        signedCount = 1;
        complete = false;
        return PsbtError.Incomplete;
    }

    public WalletBalances GetBalances() { Record(nameof(GetBalances)); return new WalletBalances { Balance = Money.Satoshis(1), UnconfirmedBalance = Money.Satoshis(2), ImmatureBalance = Money.Satoshis(3), UsedBalance = Money.Satoshis(4), NonMempoolBalance = Money.Satoshis(5) }; }
    public bool TryGetBalances(out WalletBalances? balances, out uint256? blockHash) { Record(nameof(TryGetBalances)); balances = new WalletBalances { Balance = Money.Satoshis(9) }; blockHash = uint256.One; return true; }
    public Money GetBalance() { Record(nameof(GetBalance)); return Money.Satoshis(42); }
    public Money GetAvailableBalance(CoinControl coinControl) { Record(nameof(GetAvailableBalance), coinControl); return Money.Satoshis(43); }
    public bool TxinIsMine(TxIn txin) { Record(nameof(TxinIsMine), txin); return true; }
    public bool TxoutIsMine(TxOut txout) { Record(nameof(TxoutIsMine), txout); return true; }
    public Money GetDebit(TxIn txin) { Record(nameof(GetDebit), txin); return Money.Satoshis(44); }
    public Money GetCredit(TxOut txout) { Record(nameof(GetCredit), txout); return Money.Satoshis(45); }

    public IReadOnlyDictionary<TxDestination, IReadOnlyList<(OutPoint OutPoint, WalletTxOut Output)>> ListCoins()
    {
        Record(nameof(ListCoins));
        return new Dictionary<TxDestination, IReadOnlyList<(OutPoint, WalletTxOut)>>
        {
            [Dest] = [(new OutPoint(uint256.One, 0), new WalletTxOut(Tx.Outputs[0], 5, 6, false)), (new OutPoint(uint256.One, 1), new WalletTxOut(Tx.Outputs[1], 7, 8, true))],
        };
    }

    public IReadOnlyList<WalletTxOut> GetCoins(IReadOnlyList<OutPoint> outputs) { Record(nameof(GetCoins), outputs); return outputs.Select(o => new WalletTxOut(Tx.Outputs[0], 1, o.N == 0 ? -1 : 2, false)).ToList(); }
    public Money GetRequiredFee(uint txBytes) { Record(nameof(GetRequiredFee), txBytes); return Money.Satoshis(txBytes); }
    public Money GetMinimumFee(uint txBytes, CoinControl coinControl, out int? returnedTarget, out FeeReason reason) { Record(nameof(GetMinimumFee), txBytes, coinControl); returnedTarget = coinControl.FeeRate is null ? 6 : null; reason = FeeReason.MempoolMin; return Money.Satoshis(2 * txBytes); }
    public uint GetConfirmTarget() { Record(nameof(GetConfirmTarget)); return 6; }
    public bool HdEnabled() { Record(nameof(HdEnabled)); return true; }
    public bool CanGetAddresses() { Record(nameof(CanGetAddresses)); return true; }
    public bool PrivateKeysDisabled() { Record(nameof(PrivateKeysDisabled)); return true; }
    public bool TaprootEnabled() { Record(nameof(TaprootEnabled)); return true; }
    public bool HasExternalSigner() { Record(nameof(HasExternalSigner)); return true; }
    public OutputType GetDefaultAddressType() { Record(nameof(GetDefaultAddressType)); return OutputType.Bech32m; }
    public Money GetDefaultMaxTxFee() { Record(nameof(GetDefaultMaxTxFee)); return Money.Coins(0.1m); }
    public void Remove() => Record(nameof(Remove));

    public IHandler HandleUnload(IUnloadWalletCallback callback) { Record(nameof(HandleUnload)); callback.Call(); return new Handler(this, "unload"); }
    public IHandler HandleShowProgress(IShowWalletProgressCallback callback) { Record(nameof(HandleShowProgress)); callback.Call("Rescanning…", 50); return new Handler(this, "progress"); }
    public IHandler HandleStatusChanged(IStatusChangedCallback callback) { Record(nameof(HandleStatusChanged)); callback.Call(); return new Handler(this, "status"); }
    public IHandler HandleAddressBookChanged(IAddressBookChangedCallback callback) { Record(nameof(HandleAddressBookChanged)); callback.Call(Dest, "bob", true, AddressPurpose.Send, ChangeStatus.Updated); return new Handler(this, "book"); }
    public IHandler HandleTransactionChanged(ITransactionChangedCallback callback) { Record(nameof(HandleTransactionChanged)); callback.Call(uint256.One, ChangeStatus.Deleted); return new Handler(this, "tx"); }
    public IHandler HandleCanGetAddressesChanged(ICanGetAddressesChangedCallback callback) { Record(nameof(HandleCanGetAddressesChanged)); callback.Call(); return new Handler(this, "addresses"); }
    public InterfaceResult<string> ExportWatchOnlyWallet(string destination) { Record(nameof(ExportWatchOnlyWallet), destination); return InterfaceResult<string>.Success(destination + ".watchonly"); }

    public void Dispose() => Record(nameof(Dispose));

    private sealed class Handler(FakeWallet wallet, string what) : IHandler
    {
        public void Disconnect() => wallet.Record("disconnect " + what);
        public void Dispose() => wallet.Record("dispose " + what);
    }
}
