using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Capnp;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Conversions;

/// <summary>The wallet schema's structs: coin control, recipients, wallet transactions, outputs, statuses, balances
/// and address book entries.</summary>
internal static class WalletConversions
{
    // The mapValue keys of the optional text members of a wallet transaction (Core's names).
    private const string FromKey = "from";
    private const string MessageKey = "message";
    private const string CommentKey = "comment";
    private const string CommentToKey = "to";

    public static void Write(CoinControl coinControl, M.CoinControl.Builder output)
    {
        if (coinControl.DestChange is { } destChange) DestinationConversions.Write(destChange, output.InitDestChange());
        output.HasChangeType = coinControl.ChangeType.HasValue;
        output.ChangeType = (int)(coinControl.ChangeType ?? default);
        output.IncludeUnsafeInputs = coinControl.IncludeUnsafeInputs;
        output.AllowOtherInputs = coinControl.AllowOtherInputs;
        output.OverrideFeeRate = coinControl.OverrideFeeRate;
        output.HasFeeRate = coinControl.FeeRate is not null;
        if (coinControl.FeeRate is { } feeRate) output.SetFeeRate(W.FromFeeRate(feeRate));
        output.HasConfirmTarget = coinControl.ConfirmTarget.HasValue;
        output.ConfirmTarget = checked((int)(coinControl.ConfirmTarget ?? 0));
        output.HasSignalRbf = coinControl.SignalRbf.HasValue;
        output.SignalRbf = coinControl.SignalRbf ?? false;
        output.AvoidPartialSpends = coinControl.AvoidPartialSpends;
        output.AvoidAddressReuse = coinControl.AvoidAddressReuse;
        output.FeeMode = coinControl.FeeMode;
        output.MinDepth = coinControl.MinDepth;
        output.MaxDepth = coinControl.MaxDepth;
        // The branch's has* members of these three are UInt32 flags.
        output.HasLockTime = coinControl.LockTime.HasValue ? 1u : 0u;
        output.LockTime = coinControl.LockTime ?? 0;
        output.HasVersion = coinControl.Version.HasValue ? 1u : 0u;
        output.Version = coinControl.Version ?? 0;
        output.HasMaxTxWeight = coinControl.MaxTxWeight.HasValue ? 1u : 0u;
        output.MaxTxWeight = checked((uint)(coinControl.MaxTxWeight ?? 0));
        var selected = output.InitSetSelected(coinControl.SelectedInputs.Count);
        for (var i = 0; i < coinControl.SelectedInputs.Count; i++) selected.Set(i, W.FromOutPoint(coinControl.SelectedInputs[i]));
    }

    public static CoinControl Read(M.CoinControl input)
    {
        if (input.Struct.IsNull) return new CoinControl();
        TxDestination? destChange = null;
        if (input.HasDestChange)
        {
            var destination = DestinationConversions.Read(input.DestChange);
            // Core's default change destination is CNoDestination: "a new change address".
            if (destination is not NoDestination { ScriptBytes.Length: 0 }) destChange = destination;
        }

        if (input.HasMaxTxWeight != 0 && input.MaxTxWeight > int.MaxValue) throw new IpcFormatException("A maximum transaction weight is out of range.");
        if (input.HasConfirmTarget && input.ConfirmTarget < 0) throw new IpcFormatException("A confirmation target cannot be negative.");
        return new CoinControl
        {
            DestChange = destChange,
            ChangeType = input.HasChangeType ? CommonConversions.ToEnum<OutputType>(input.ChangeType, "output type") : null,
            IncludeUnsafeInputs = input.IncludeUnsafeInputs,
            AllowOtherInputs = input.AllowOtherInputs,
            OverrideFeeRate = input.OverrideFeeRate,
            FeeRate = input.HasFeeRate ? W.ToFeeRate(input.FeeRate) : null,
            ConfirmTarget = input.HasConfirmTarget ? (uint)input.ConfirmTarget : null,
            SignalRbf = input.HasSignalRbf ? input.SignalRbf : null,
            AvoidPartialSpends = input.AvoidPartialSpends,
            AvoidAddressReuse = input.AvoidAddressReuse,
            FeeMode = input.FeeMode,
            MinDepth = input.MinDepth,
            MaxDepth = input.MaxDepth,
            LockTime = input.HasLockTime != 0 ? input.LockTime : null,
            Version = input.HasVersion != 0 ? input.Version : null,
            MaxTxWeight = input.HasMaxTxWeight != 0 ? (int)input.MaxTxWeight : null,
            SelectedInputs = input.SetSelected.Select(static o => W.ToOutPoint(o)).ToList(),
        };
    }

    public static void Write(Recipient recipient, M.Recipient.Builder output)
    {
        DestinationConversions.Write(recipient.Destination, output.InitDest());
        output.Amount = recipient.Amount.Satoshi;
        output.SubtractFeeFromAmount = recipient.SubtractFeeFromAmount;
    }

    public static Recipient Read(M.Recipient input) =>
        new(DestinationConversions.Read(input.Dest), Money.Satoshis(input.Amount), input.SubtractFeeFromAmount);

    public static void Write(WalletTx tx, M.WalletTx.Builder output)
    {
        output.SetTx(W.FromTransaction(tx.Tx));
        WriteBools(tx.TxinIsMine, output.InitTxinIsMine(tx.TxinIsMine.Count));
        WriteBools(tx.TxoutIsMine, output.InitTxoutIsMine(tx.TxoutIsMine.Count));
        WriteBools(tx.TxoutIsChange, output.InitTxoutIsChange(tx.TxoutIsChange.Count));
        var addresses = output.InitTxoutAddress(tx.TxoutAddress.Count);
        for (var i = 0; i < tx.TxoutAddress.Count; i++) DestinationConversions.Write(tx.TxoutAddress[i], addresses[i]);
        WriteBools(tx.TxoutAddressIsMine, output.InitTxoutAddressIsMine(tx.TxoutAddressIsMine.Count));
        output.Credit = tx.Credit.Satoshi;
        output.Debit = tx.Debit.Satoshi;
        output.Change = tx.Change.Satoshi;
        output.Time = tx.Time;
        var values = new List<KeyValuePair<string, string>>();
        if (tx.From is { } from) values.Add(new(FromKey, from));
        if (tx.Message is { } message) values.Add(new(MessageKey, message));
        if (tx.Comment is { } comment) values.Add(new(CommentKey, comment));
        if (tx.CommentTo is { } commentTo) values.Add(new(CommentToKey, commentTo));
        CommonConversions.WriteTextPairs(values, output.InitValueMap(values.Count));
        output.IsCoinbase = tx.IsCoinBase;
    }

    public static WalletTx Read(M.WalletTx input)
    {
        var values = CommonConversions.ReadTextPairs(input.ValueMap).ToDictionary(static p => p.Key, static p => p.Value);
        return new WalletTx
        {
            Tx = W.ToTransaction(input.Tx),
            TxinIsMine = [.. input.TxinIsMine],
            TxoutIsMine = [.. input.TxoutIsMine],
            TxoutIsChange = [.. input.TxoutIsChange],
            TxoutAddress = input.TxoutAddress.Select(static d => DestinationConversions.Read(d)).ToList(),
            TxoutAddressIsMine = [.. input.TxoutAddressIsMine],
            Credit = Money.Satoshis(input.Credit),
            Debit = Money.Satoshis(input.Debit),
            Change = Money.Satoshis(input.Change),
            Time = input.Time,
            From = values.GetValueOrDefault(FromKey),
            Message = values.GetValueOrDefault(MessageKey),
            Comment = values.GetValueOrDefault(CommentKey),
            CommentTo = values.GetValueOrDefault(CommentToKey),
            IsCoinBase = input.IsCoinbase,
        };
    }

    public static void Write(WalletTxOut txout, M.WalletTxOut.Builder output)
    {
        output.SetTxout(W.FromTxOut(txout.TxOut));
        output.Time = txout.Time;
        output.DepthInMainChain = txout.DepthInMainChain;
        output.IsSpent = txout.IsSpent;
    }

    public static WalletTxOut Read(M.WalletTxOut input) =>
        new(W.ToTxOut(input.Txout), input.Time, input.DepthInMainChain, input.IsSpent);

    public static void Write(WalletTxStatus status, M.WalletTxStatus.Builder output)
    {
        output.BlockHeight = status.BlockHeight;
        output.BlocksToMaturity = status.BlocksToMaturity;
        output.DepthInMainChain = status.DepthInMainChain;
        output.TimeReceived = status.TimeReceived;
        output.LockTime = status.LockTime;
        output.IsTrusted = status.IsTrusted;
        output.IsAbandoned = status.IsAbandoned;
        output.IsCoinbase = status.IsCoinBase;
        output.IsInMainChain = status.IsInMainChain;
    }

    public static WalletTxStatus Read(M.WalletTxStatus input) => new()
    {
        BlockHeight = input.BlockHeight,
        BlocksToMaturity = input.BlocksToMaturity,
        DepthInMainChain = input.DepthInMainChain,
        TimeReceived = input.TimeReceived,
        LockTime = input.LockTime,
        IsTrusted = input.IsTrusted,
        IsAbandoned = input.IsAbandoned,
        IsCoinBase = input.IsCoinbase,
        IsInMainChain = input.IsInMainChain,
    };

    public static void Write(WalletBalances balances, M.WalletBalances.Builder output)
    {
        output.Balance = balances.Balance.Satoshi;
        output.UnconfirmedBalance = balances.UnconfirmedBalance.Satoshi;
        output.ImmatureBalance = balances.ImmatureBalance.Satoshi;
        output.UsedBalance = balances.UsedBalance.Satoshi;
        output.NonmempoolBalance = balances.NonMempoolBalance.Satoshi;
    }

    public static WalletBalances Read(M.WalletBalances input) => new()
    {
        Balance = Money.Satoshis(input.Balance),
        UnconfirmedBalance = Money.Satoshis(input.UnconfirmedBalance),
        ImmatureBalance = Money.Satoshis(input.ImmatureBalance),
        UsedBalance = Money.Satoshis(input.UsedBalance),
        NonMempoolBalance = Money.Satoshis(input.NonmempoolBalance),
    };

    public static void Write(WalletAddress address, M.WalletAddress.Builder output)
    {
        DestinationConversions.Write(address.Destination, output.InitDest());
        output.IsMine = address.IsMine;
        output.SetName(address.Name);
        output.Purpose = (int)address.Purpose;
    }

    public static WalletAddress Read(M.WalletAddress input) =>
        new(DestinationConversions.Read(input.Dest), input.IsMine, CommonConversions.ToEnum<AddressPurpose>(input.Purpose, "address purpose"), input.Name);

    private static void WriteBools(IReadOnlyList<bool> values, BoolListBuilder output)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var list = output;
            list[i] = values[i];
        }
    }
}
