using Bitcoin.Common.Addresses;
using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Tests.Support;
using Capnp;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Tests.Conversions;

/// <summary>Every struct conversion writes a message the other side reads back to an equal value.</summary>
public sealed class StructConversionTests
{
    private static T RoundTrip<TBuilder, TReader, T>(T value, Action<T, TBuilder> write, Func<TReader, T> read)
        where TBuilder : struct, IStructBuilder<TBuilder>
        where TReader : struct, IStructReader<TReader>
    {
        using var message = new MessageBuilder();
        var root = message.InitRoot<TBuilder>();
        write(value, root);
        return read(TReader.Create(root.Struct.AsReader()));
    }

    public static TheoryData<string> Destinations() =>
    [
        "pubkey", "pkh", "sh", "wsh", "wpkh", "tr", "unknown", "anchor", "none", "nonstandard",
    ];

    private static TxDestination Destination(string kind) => kind switch
    {
        "pubkey" => new PubKeyDestination(TestData.Key.PubKey),
        "pkh" => new PubKeyHashDestination(TestData.Key.PubKey.Hash),
        "sh" => new ScriptHashDestination(TestData.Key.PubKey.ScriptPubKey.Hash),
        "wsh" => new WitnessV0ScriptHashDestination(new byte[32].Select((_, i) => (byte)i).ToArray()),
        "wpkh" => new WitnessV0KeyHashDestination(TestData.Key.PubKey.Hash),
        "tr" => new WitnessV1TaprootDestination(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
        "unknown" => new WitnessUnknownDestination(2, new byte[] { 1, 2, 3, 4 }),
        "anchor" => new PayToAnchorDestination(),
        "none" => new NoDestination(),
        _ => new NoDestination(new Script(OpcodeType.OP_RETURN, Op.GetPushOp(new byte[] { 9 }))),
    };

    [Theory]
    [MemberData(nameof(Destinations))]
    public void DestinationsOfEveryKindRoundTrip(string kind)
    {
        var destination = Destination(kind);
        var back = RoundTrip<M.TxDestination.Builder, M.TxDestination, TxDestination>(destination, DestinationConversions.Write, DestinationConversions.Read);
        Assert.Equal(destination, back);
    }

    [Fact]
    public void CoinControlRoundTripsWithEveryOptionSet()
    {
        var coinControl = new CoinControl
        {
            DestChange = new WitnessV0KeyHashDestination(TestData.Key.PubKey.Hash),
            ChangeType = OutputType.Bech32m,
            IncludeUnsafeInputs = true,
            AllowOtherInputs = false,
            OverrideFeeRate = true,
            FeeRate = new FeeRate(Money.Satoshis(2345)),
            ConfirmTarget = 12,
            SignalRbf = false,
            AvoidPartialSpends = true,
            AvoidAddressReuse = true,
            FeeMode = 2,
            MinDepth = 1,
            MaxDepth = 100,
            LockTime = 800_000,
            Version = 3,
            MaxTxWeight = 40_000,
            SelectedInputs = [new OutPoint(uint256.One, 3), new OutPoint(new uint256(5), 0)],
        };
        var back = RoundTrip<M.CoinControl.Builder, M.CoinControl, CoinControl>(coinControl, WalletConversions.Write, WalletConversions.Read);
        Assert.Equal(Canon.Of(coinControl), Canon.Of(back));
    }

    [Fact]
    public void DefaultCoinControlStaysDefault()
    {
        var back = RoundTrip<M.CoinControl.Builder, M.CoinControl, CoinControl>(new CoinControl(), WalletConversions.Write, WalletConversions.Read);
        Assert.Equal(Canon.Of(new CoinControl()), Canon.Of(back));
    }

    [Fact]
    public void WalletTransactionsRoundTripWithTheirMapValues()
    {
        var tx = TestData.MakeBlock().Transactions[1];
        var walletTx = new WalletTx
        {
            Tx = tx,
            TxinIsMine = [true],
            TxoutIsMine = [false, true],
            TxoutIsChange = [false, true],
            TxoutAddress = [new PubKeyHashDestination(TestData.Key.PubKey.Hash), new NoDestination()],
            TxoutAddressIsMine = [false, true],
            Credit = Money.Satoshis(5),
            Debit = Money.Satoshis(6),
            Change = Money.Satoshis(7),
            Time = 1_700_000_123,
            Comment = "rent",
            CommentTo = "landlord",
            IsCoinBase = false,
        };
        var back = RoundTrip<M.WalletTx.Builder, M.WalletTx, WalletTx>(walletTx, WalletConversions.Write, WalletConversions.Read);
        Assert.Equal(Canon.Of(walletTx), Canon.Of(back));
    }

    [Fact]
    public void StatusesBalancesOutputsAndAddressesRoundTrip()
    {
        var status = new WalletTxStatus { BlockHeight = 5, BlocksToMaturity = 95, DepthInMainChain = -2, TimeReceived = 9, LockTime = 10, IsTrusted = true, IsAbandoned = true, IsCoinBase = true, IsInMainChain = true };
        Assert.Equal(status, RoundTrip<M.WalletTxStatus.Builder, M.WalletTxStatus, WalletTxStatus>(status, WalletConversions.Write, WalletConversions.Read));

        var balances = new WalletBalances { Balance = Money.Satoshis(1), UnconfirmedBalance = Money.Satoshis(2), ImmatureBalance = Money.Satoshis(3), UsedBalance = Money.Satoshis(4), NonMempoolBalance = Money.Satoshis(5) };
        Assert.Equal(Canon.Of(balances), Canon.Of(RoundTrip<M.WalletBalances.Builder, M.WalletBalances, WalletBalances>(balances, WalletConversions.Write, WalletConversions.Read)));

        var output = new WalletTxOut(new TxOut(Money.Coins(1), TestData.Key.PubKey.WitHash), 77, 3, true);
        Assert.Equal(Canon.Of(output), Canon.Of(RoundTrip<M.WalletTxOut.Builder, M.WalletTxOut, WalletTxOut>(output, WalletConversions.Write, WalletConversions.Read)));

        var address = new WalletAddress(new WitnessV0KeyHashDestination(TestData.Key.PubKey.Hash), true, AddressPurpose.Send, "bob");
        Assert.Equal(address, RoundTrip<M.WalletAddress.Builder, M.WalletAddress, WalletAddress>(address, WalletConversions.Write, WalletConversions.Read));

        var recipient = new Recipient(new PubKeyHashDestination(TestData.Key.PubKey.Hash), Money.Satoshis(999), true);
        Assert.Equal(Canon.Of(recipient), Canon.Of(RoundTrip<M.Recipient.Builder, M.Recipient, Recipient>(recipient, WalletConversions.Write, WalletConversions.Read)));
    }

    [Fact]
    public void FoundBlockRequestsAndResultsRoundTripWithNextBlocks()
    {
        var request = new FoundBlockRequest { WantHash = true, WantLocator = true, WantData = true, NextBlock = new FoundBlockRequest { WantMtpTime = true } };
        Assert.Equal(request, RoundTrip<M.FoundBlockParam.Builder, M.FoundBlockParam, FoundBlockRequest>(request, ChainConversions.Write, r => ChainConversions.Read(r)));

        var block = TestData.MakeBlock();
        var result = new FoundBlockResult
        {
            Hash = block.GetHash(), Height = 3, Time = 4, MaxTime = 5, MtpTime = 6, InActiveChain = true,
            Locator = new BlockLocator { Blocks = { block.GetHash() } }, Data = block, Found = true,
            NextBlock = new FoundBlockResult { Height = 4, Found = true },
        };
        var back = RoundTrip<M.FoundBlockResult.Builder, M.FoundBlockResult, FoundBlockResult>(result, ChainConversions.Write, r => ChainConversions.Read(r));
        Assert.Equal(Canon.Of(result), Canon.Of(back));
    }

    [Fact]
    public void BlockInfosAndRolesRoundTrip()
    {
        var block = TestData.MakeBlock();
        var info = new BlockInfo(block.GetHash()) { PrevHash = uint256.One, Height = 9, FileNumber = 2, DataPos = 800, Data = block, UndoData = [1, 2], ChainTimeMax = 1234 };
        Assert.Equal(Canon.Of(info), Canon.Of(RoundTrip<M.BlockInfo.Builder, M.BlockInfo, BlockInfo>(info, ChainConversions.Write, ChainConversions.Read)));
        var genesis = new BlockInfo(block.GetHash());
        Assert.Equal(Canon.Of(genesis), Canon.Of(RoundTrip<M.BlockInfo.Builder, M.BlockInfo, BlockInfo>(genesis, ChainConversions.Write, ChainConversions.Read)));
        var role = new ChainstateRole(false, true);
        Assert.Equal(role, RoundTrip<M.ChainstateRole.Builder, M.ChainstateRole, ChainstateRole>(role, ChainConversions.Write, ChainConversions.Read));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("12.50")]
    [InlineData("\"text\"")]
    [InlineData("[true,false,null,1e3]")]
    [InlineData("{\"wallet\":[\"w1\",\"w2\"],\"n\":{}}")]
    public void SettingsTravelAsTheirExactJsonText(string json)
    {
        var value = SettingsJson.Read(json);
        Assert.Equal(json, SettingsJson.Write(value));
    }

    [Fact]
    public void MalformedSettingsTextIsRefused()
    {
        Assert.Throws<IpcFormatException>(() => SettingsJson.Read("{\"a\":"));
        Assert.Equal(SettingsValue.Null, SettingsJson.Read(""));
    }
}
