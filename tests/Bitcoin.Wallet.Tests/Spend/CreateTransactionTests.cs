using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Formats;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Spend;
using NBitcoin;

namespace Bitcoin.Wallet.Tests.Spend;

/// <summary>The wallet's CreateTransaction over a real descriptor wallet and an in-memory chain.</summary>
public sealed class CreateTransactionTests : IDisposable
{
    private readonly WalletFixture _f = new("-fallbackfee=0.0002");

    public void Dispose() => _f.Dispose();

    private static Recipient Pay(TxDestination to, Money amount, bool subtractFee = false) => new(to, amount, subtractFee);

    private TxDestination External => new WitnessV0KeyHashDestination(new Key().PubKey.Hash);

    [Fact]
    public void PaysRecipientWithChangeBackToTheWalletAtTheRequestedFeeRate()
    {
        _f.Fund(Money.Coins(1));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(10_000) };
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(0.1m))], null, control);
        Assert.True(result.Success, result.Error);
        var created = result.Value!;
        var tx = created.Tx;
        Assert.Equal(2, tx.Outputs.Count);
        Assert.NotNull(created.ChangePosition);
        Assert.True(_f.Wallet.IsMine(tx.Outputs[created.ChangePosition!.Value]));
        Assert.Equal(Money.Coins(0.1m), tx.Outputs[1 - created.ChangePosition.Value].Value);
        Assert.Equal(Money.Coins(1).Satoshi - tx.Outputs.Sum(o => o.Value.Satoshi), created.Fee);
        // At least the rate asked for, and not more than the rate of a signature one byte larger per input.
        long vsize = InputSizes.VirtualSize(TransactionJson.Weight(tx));
        Assert.InRange(created.Fee, 10 * vsize, 10 * (vsize + tx.Inputs.Count));
        Assert.All(tx.Inputs, i => Assert.Equal(0xfffffffdu, i.Sequence.Value));
        AssertSigned(tx);
    }

    [Fact]
    public void NotEnoughMoneyIsInsufficientFunds()
    {
        _f.Fund(Money.Coins(1));
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(2))], null, new SpendCoinControl());
        Assert.False(result.Success);
        Assert.Equal("Insufficient funds", result.Error);
    }

    [Fact]
    public void BalanceCoveringAmountButNotFeeSaysSo()
    {
        _f.Fund(Money.Coins(1));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(10_000) };
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(1))], null, control);
        Assert.False(result.Success);
        Assert.StartsWith("The total exceeds your balance when the 0.0000", result.Error, StringComparison.Ordinal);
        Assert.EndsWith(" transaction fee is included.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DustAndBadRecipientsAreRefusedWithCoresMessages()
    {
        _f.Fund(Money.Coins(1));
        Assert.Equal("Transaction amount too small",
            TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Satoshis(100))], null, new SpendCoinControl()).Error);
        Assert.Equal("Transaction must have at least one recipient",
            TransactionCreator.CreateTransaction(_f.Wallet, [], null, new SpendCoinControl()).Error);
        Assert.Equal("Transaction amounts must not be negative",
            TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Satoshis(-1))], null, new SpendCoinControl()).Error);
    }

    [Fact]
    public void ExplicitFeeRateBelowTheMinimumIsRefused()
    {
        _f.Fund(Money.Coins(1));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(50) };
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(0.1m))], null, control);
        Assert.Equal("Fee rate (0.050 sat/vB) is lower than the minimum fee rate setting (1.000 sat/vB).\n" +
                     "Consider modifying -mintxfee (1.000 sat/vB) or -minrelaytxfee (0.100 sat/vB).", result.Error);
    }

    [Fact]
    public void WithoutEstimateOrFallbackFeeCreationFails()
    {
        using var f = new WalletFixture();
        f.Fund(Money.Coins(1));
        var result = TransactionCreator.CreateTransaction(f.Wallet, [Pay(External, Money.Coins(0.1m))], null, new SpendCoinControl());
        Assert.Equal("Fee estimation failed. Fallbackfee is disabled. Wait a few blocks or enable -fallbackfee.", result.Error);
    }

    [Fact]
    public void EstimateIsUsedAndReported()
    {
        _f.Chain.EstimateSatPerKvB = 25_000;
        _f.Fund(Money.Coins(1));
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(0.1m))], null, new SpendCoinControl());
        Assert.True(result.Success, result.Error);
        Assert.Equal(FeeReason.FeeRateEstimator, result.Value!.FeeReason);
        long vsize = InputSizes.VirtualSize(TransactionJson.Weight(result.Value.Tx));
        Assert.True(result.Value.Fee >= 25 * vsize);
    }

    [Fact]
    public void FeeAboveMaxTxFeeIsRefused()
    {
        using var f = new WalletFixture("-maxtxfee=0.0001");
        f.Fund(Money.Coins(1));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(1_000_000), OverrideFeeRate = true };
        var result = TransactionCreator.CreateTransaction(f.Wallet, [Pay(External, Money.Coins(0.1m))], null, control);
        Assert.Equal("Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)", result.Error);
    }

    // Core's spend_tests SubtractFee: leftover input value goes to the recipient, not to a change output or the miner.
    [Theory]
    [InlineData(0)]
    [InlineData(123)]
    public void SubtractFeeFromAmountPaysLeftoverToRecipient(long leftover)
    {
        _f.Fund(Money.Coins(50));
        long fee0 = CheckSubtractFee(0);
        Assert.Equal(fee0, CheckSubtractFee(leftover));
        Assert.Equal(fee0, CheckSubtractFee(fee0));
        Assert.Equal(fee0, CheckSubtractFee(fee0 + 123));
    }

    private long CheckSubtractFee(long leftover)
    {
        var recipient = Pay(new PubKeyDestination(new Key().PubKey.ToBytes()), Money.Satoshis(50 * 100_000_000L - leftover), subtractFee: true);
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(10_000), OverrideFeeRate = true, ChangeType = OutputType.Legacy };
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [recipient], null, control);
        Assert.True(result.Success, result.Error);
        var created = result.Value!;
        Assert.Single(created.Tx.Outputs);
        Assert.Equal(recipient.Amount.Satoshi + leftover - created.Fee, created.Tx.Outputs[0].Value.Satoshi);
        Assert.True(created.Fee > 0);
        return created.Fee;
    }

    [Fact]
    public void SubtractFeeDownToDustIsRefused()
    {
        _f.Fund(Money.Coins(1));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(1_000_000), OverrideFeeRate = true };
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Satoshis(1000), subtractFee: true)], null, control);
        Assert.Equal("The transaction amount is too small to pay the fee", result.Error);
    }

    // Core's spend_tests wallet_duplicated_preset_inputs_test.
    [Fact]
    public void PresetInputsAreNotCountedTwice()
    {
        _f.Fund(Money.Coins(50), count: 4);
        var coins = SpendableCoins.AvailableCoins(_f.Wallet, null, null).All();
        var control = new SpendCoinControl { AllowOtherInputs = true };
        foreach (var coin in coins.Take(3)) control.Select(coin.OutPoint);
        var to = _f.NewAddress();
        Assert.False(TransactionCreator.CreateTransaction(_f.Wallet, [Pay(to, Money.Coins(299), subtractFee: true)], null, control).Success);
        Assert.False(TransactionCreator.CreateTransaction(_f.Wallet, [Pay(to, Money.Coins(299))], null, control).Success);
    }

    [Fact]
    public void LockedCoinsAreNotSpent()
    {
        _f.Fund(Money.Coins(1), count: 2);
        var coins = SpendableCoins.AvailableCoins(_f.Wallet, null, null).All();
        Assert.True(_f.Wallet.LockCoin(coins[0].OutPoint, persist: false));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(1000) };
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(1.5m))], null, control);
        Assert.Equal("Insufficient funds", result.Error);
        result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(0.5m))], null, control);
        Assert.True(result.Success);
        Assert.DoesNotContain(result.Value!.Tx.Inputs, i => i.PrevOut == coins[0].OutPoint);
    }

    [Fact]
    public void ChangeTypeFollowsTheRecipients()
    {
        _f.Fund(Money.Coins(1));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(1000) };
        var taproot = new WitnessV1TaprootDestination(new Key().PubKey.GetTaprootFullPubKey().ToBytes());
        var result = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(taproot, Money.Coins(0.1m))], null, control).Value!;
        var change = result.Tx.Outputs[result.ChangePosition!.Value];
        Assert.Equal(TxoutType.WitnessV1Taproot, ScriptSolver.Solve(change.ScriptPubKey, out _));
    }

    [Fact]
    public void ExplicitLockTimeAndNonReplaceableSequences()
    {
        _f.Fund(Money.Coins(1));
        var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(1000), LockTime = 5, SignalRbf = false };
        var tx = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(0.1m))], null, control).Value!.Tx;
        Assert.Equal(5u, tx.LockTime.Value);
        Assert.All(tx.Inputs, i => Assert.Equal(0xfffffffeu, i.Sequence.Value));
    }

    [Fact]
    public void AntiFeeSnipingUsesTheTipHeight()
    {
        _f.Fund(Money.Coins(1));
        // Keep the tip recent for the eight-hour rule.
        WalletTime.SetMockTime(_f.Chain.Mine().Header.BlockTime.ToUnixTimeSeconds());
        try
        {
            var control = new SpendCoinControl { FeeRate = TxFeeRate.FromSatoshisPerKvB(1000) };
            var tx = TransactionCreator.CreateTransaction(_f.Wallet, [Pay(External, Money.Coins(0.1m))], null, control,
                random: new CoinSelectionRandom(3)).Value!.Tx;
            Assert.InRange(tx.LockTime.Value, (uint)Math.Max(0, _f.Chain.Height - 99), (uint)_f.Chain.Height);
        }
        finally
        {
            WalletTime.SetMockTime(0);
        }
    }

    private void AssertSigned(Transaction tx)
    {
        var spent = tx.Inputs.Select(i => _f.Wallet.GetWalletTx(i.PrevOut.Hash)!.Tx.Outputs[(int)i.PrevOut.N]).ToArray();
        var txData = tx.PrecomputeTransactionData(spent);
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            Assert.True(ScriptVerification.Verify(tx.Inputs[i].ScriptSig, tx.Inputs[i].WitScript.Pushes.ToArray(), spent[i].ScriptPubKey, tx, i,
                spent[i].Value.Satoshi, txData, out var error), error.ToString());
        }
    }
}
