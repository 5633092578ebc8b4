using Bitcoin.Common.Addresses;
using Bitcoin.Common.Psbt;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;
using NBitcoin;

namespace Bitcoin.Ipc.Tests.Wallet;

/// <summary>One call of every <see cref="IWallet"/> member; each returns what the caller sees.</summary>
internal static class WalletMemberCases
{
    private static readonly TxDestination Dest = new PubKeyHashDestination(TestData.Key.PubKey.Hash);
    private static readonly Transaction Tx = FakeChain.SampleTx;
    private static readonly CoinControl Control = new() { FeeRate = new FeeRate(Money.Satoshis(3000)), SignalRbf = true, SelectedInputs = [new OutPoint(uint256.One, 4)] };

    private static object? Run(Action action)
    {
        action();
        return null;
    }

    private static PartiallySignedTransaction Psbt()
    {
        var unsigned = Tx.Clone();
        foreach (var input in unsigned.Inputs)
        {
            input.ScriptSig = Script.Empty;
            input.WitScript = WitScript.Empty;
        }

        return new PartiallySignedTransaction(unsigned, 0);
    }

    public static readonly IReadOnlyDictionary<string, Func<IWallet, object?>> All = new Dictionary<string, Func<IWallet, object?>>
    {
        [nameof(IWallet.EncryptWallet)] = w => w.EncryptWallet("pässwörd"),
        [nameof(IWallet.IsCrypted)] = w => w.IsCrypted(),
        [nameof(IWallet.Lock)] = w => w.Lock(),
        [nameof(IWallet.Unlock)] = w => (w.Unlock("pässwörd"), w.Unlock("wrong")),
        [nameof(IWallet.IsLocked)] = w => w.IsLocked(),
        [nameof(IWallet.ChangeWalletPassphrase)] = w => w.ChangeWalletPassphrase("old", "new"),
        [nameof(IWallet.AbortRescan)] = w => Run(w.AbortRescan),
        [nameof(IWallet.BackupWallet)] = w => w.BackupWallet("/tmp/backup.dat"),
        [nameof(IWallet.GetWalletName)] = w => w.GetWalletName(),
        [nameof(IWallet.GetNewDestination)] = w => (w.GetNewDestination(OutputType.Bech32, "label"), w.GetNewDestination(OutputType.Legacy, "")),
        [nameof(IWallet.GetPubKey)] = w => (w.GetPubKey(Dest.ToScript(), TestData.Key.PubKey.Hash, out var k), k),
        [nameof(IWallet.SignMessage)] = w => (w.SignMessage("hello", TestData.Key.PubKey.Hash, out var s), s),
        [nameof(IWallet.IsSpendable)] = w => w.IsSpendable(Dest),
        [nameof(IWallet.SetAddressBook)] = w => (w.SetAddressBook(Dest, "bob", AddressPurpose.Send), w.SetAddressBook(Dest, "bob2", null)),
        [nameof(IWallet.DelAddressBook)] = w => w.DelAddressBook(Dest),
        [nameof(IWallet.GetAddress)] = w => (w.GetAddress(Dest, out var n, out var p), n, p, w.GetAddress(new WitnessV0KeyHashDestination(TestData.Key.PubKey.Hash), out var n2, out var p2), n2, p2),
        [nameof(IWallet.GetAddresses)] = w => w.GetAddresses(),
        [nameof(IWallet.GetAddressReceiveRequests)] = w => w.GetAddressReceiveRequests(),
        [nameof(IWallet.SetAddressReceiveRequest)] = w => w.SetAddressReceiveRequest(Dest, "1", "{\"amount\":1}"),
        [nameof(IWallet.DisplayAddress)] = w => w.DisplayAddress(Dest),
        [nameof(IWallet.LockCoin)] = w => w.LockCoin(new OutPoint(uint256.One, 1), true),
        [nameof(IWallet.UnlockCoin)] = w => w.UnlockCoin(new OutPoint(uint256.One, 1)),
        [nameof(IWallet.IsLockedCoin)] = w => w.IsLockedCoin(new OutPoint(uint256.One, 1)),
        [nameof(IWallet.ListLockedCoins)] = w => w.ListLockedCoins(),
        [nameof(IWallet.CreateTransaction)] = w => (w.CreateTransaction([new Recipient(Dest, Money.Coins(1), true)], Control, true, null), w.CreateTransaction([], new CoinControl(), false, 2)),
        [nameof(IWallet.CommitTransaction)] = w => Run(() => w.CommitTransaction(Tx, ["for the pizza", "and drinks"])),
        [nameof(IWallet.TransactionCanBeAbandoned)] = w => w.TransactionCanBeAbandoned(uint256.One),
        [nameof(IWallet.AbandonTransaction)] = w => w.AbandonTransaction(uint256.One),
        [nameof(IWallet.TransactionCanBeBumped)] = w => w.TransactionCanBeBumped(uint256.One),
        [nameof(IWallet.CreateBumpTransaction)] = w => (w.CreateBumpTransaction(uint256.One, Control, out var e, out var o, out var n, out var t), e, o, n, t),
        [nameof(IWallet.SignBumpTransaction)] = w =>
        {
            var tx = Tx.Clone();
            return (w.SignBumpTransaction(tx), tx);
        },
        [nameof(IWallet.CommitBumpTransaction)] = w => (w.CommitBumpTransaction(uint256.One, Tx, out var e, out var b), e, b),
        [nameof(IWallet.GetTx)] = w => (w.GetTx(uint256.One), w.GetTx(new uint256(2))),
        [nameof(IWallet.GetWalletTx)] = w => (w.GetWalletTx(uint256.One), w.GetWalletTx(new uint256(2))),
        [nameof(IWallet.GetWalletTxs)] = w => w.GetWalletTxs(),
        [nameof(IWallet.TryGetTxStatus)] = w => (w.TryGetTxStatus(uint256.One, out var s, out var n, out var t), s, n, t),
        [nameof(IWallet.GetWalletTxDetails)] = w => (w.GetWalletTxDetails(uint256.One, out var s, out var m, out var p, out var i, out var n), s, m, p, i, n),
        [nameof(IWallet.FillPsbt)] = w =>
        {
            var psbt = Psbt();
            var error = w.FillPsbt(new PsbtFillOptions { Sign = false, SighashType = 3, Finalize = false }, psbt, out var signed, out var complete);
            return (error, PsbtEncoding.ToBase64(psbt), signed, complete);
        },
        [nameof(IWallet.GetBalances)] = w => w.GetBalances(),
        [nameof(IWallet.TryGetBalances)] = w => (w.TryGetBalances(out var b, out var h), b, h),
        [nameof(IWallet.GetBalance)] = w => w.GetBalance(),
        [nameof(IWallet.GetAvailableBalance)] = w => w.GetAvailableBalance(Control),
        [nameof(IWallet.TxinIsMine)] = w => w.TxinIsMine(Tx.Inputs[0]),
        [nameof(IWallet.TxoutIsMine)] = w => w.TxoutIsMine(Tx.Outputs[1]),
        [nameof(IWallet.GetDebit)] = w => w.GetDebit(Tx.Inputs[0]),
        [nameof(IWallet.GetCredit)] = w => w.GetCredit(Tx.Outputs[0]),
        [nameof(IWallet.ListCoins)] = w => w.ListCoins(),
        [nameof(IWallet.GetCoins)] = w => w.GetCoins([new OutPoint(uint256.One, 0), new OutPoint(uint256.One, 3)]),
        [nameof(IWallet.GetRequiredFee)] = w => w.GetRequiredFee(250),
        [nameof(IWallet.GetMinimumFee)] = w => (w.GetMinimumFee(141, Control, out var t, out var r), t, r, w.GetMinimumFee(142, new CoinControl(), out var t2, out var r2), t2, r2),
        [nameof(IWallet.GetConfirmTarget)] = w => w.GetConfirmTarget(),
        [nameof(IWallet.HdEnabled)] = w => w.HdEnabled(),
        [nameof(IWallet.CanGetAddresses)] = w => w.CanGetAddresses(),
        [nameof(IWallet.PrivateKeysDisabled)] = w => w.PrivateKeysDisabled(),
        [nameof(IWallet.TaprootEnabled)] = w => w.TaprootEnabled(),
        [nameof(IWallet.HasExternalSigner)] = w => w.HasExternalSigner(),
        [nameof(IWallet.GetDefaultAddressType)] = w => w.GetDefaultAddressType(),
        [nameof(IWallet.GetDefaultMaxTxFee)] = w => w.GetDefaultMaxTxFee(),
        [nameof(IWallet.Remove)] = w => Run(w.Remove),
        [nameof(IWallet.HandleUnload)] = w => WithCallback(w.HandleUnload, new Callbacks()),
        [nameof(IWallet.HandleShowProgress)] = w => WithCallback(w.HandleShowProgress, new Callbacks()),
        [nameof(IWallet.HandleStatusChanged)] = w => WithCallback(w.HandleStatusChanged, new Callbacks()),
        [nameof(IWallet.HandleAddressBookChanged)] = w => WithCallback(w.HandleAddressBookChanged, new Callbacks()),
        [nameof(IWallet.HandleTransactionChanged)] = w => WithCallback(w.HandleTransactionChanged, new Callbacks()),
        [nameof(IWallet.HandleCanGetAddressesChanged)] = w => WithCallback(w.HandleCanGetAddressesChanged, new Callbacks()),
        [nameof(IWallet.ExportWatchOnlyWallet)] = w => w.ExportWatchOnlyWallet("/tmp/w"),
    };

    private static List<string> WithCallback<T>(Func<T, IHandler> register, T callbacks)
        where T : Callbacks
    {
        using var handler = register(callbacks);
        handler.Disconnect();
        return callbacks.Received;
    }

    /// <summary>Every wallet callback at once, writing down what it receives.</summary>
    internal class Callbacks : IUnloadWalletCallback, IShowWalletProgressCallback, IStatusChangedCallback, IAddressBookChangedCallback,
        ITransactionChangedCallback, ICanGetAddressesChangedCallback
    {
        public List<string> Received { get; } = [];

        public void Call() => Received.Add("call");
        public void Call(string title, int progress) => Received.Add($"progress {title} {progress}");
        public void Call(TxDestination address, string label, bool isMine, AddressPurpose purpose, ChangeStatus status) => Received.Add($"book {Canon.Of(address)} {label} {isMine} {purpose} {status}");
        public void Call(uint256 txid, ChangeStatus status) => Received.Add($"tx {txid} {status}");
    }
}
