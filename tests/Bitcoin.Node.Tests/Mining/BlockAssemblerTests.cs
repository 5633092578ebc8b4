using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Mining;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Mining;

public sealed class BlockAssemblerTests
{
    private const long Coin = 100_000_000;

    [Fact]
    public async Task ChosenChunksFollowTheCoinbaseAndTheirFeesGoToTheMiner()
    {
        var source = new ListTransactionSource();
        using var node = new RegtestNode(transactionSource: source);
        var coins = await SpendableCoins.CreateAsync(node, 2);
        var first = coins.Spend(fee: 20_000);
        var second = coins.Spend(fee: 10_000);
        source.Add(SpendableCoins.Chunk(first, 20_000));
        source.Add(SpendableCoins.Chunk(second, 10_000));

        var template = node.Miner.CreateNewBlock(new BlockCreateOptions());

        var block = template.Block;
        Assert.Equal([first.GetHash(), second.GetHash()], block.Transactions.Skip(1).Select(t => t.GetHash()));
        Assert.Equal([20_000L, 10_000L], template.TxFees);
        Assert.Equal([1L, 1L], template.TxSigOpsCost);
        long subsidy = Subsidy.GetBlockSubsidy(node.Chainman.ActiveHeight + 1, node.ChainParams.Consensus).Satoshi;
        Assert.Equal(subsidy + 30_000, block.Transactions[0].Outputs[0].Value.Satoshi);
        Assert.Equal(subsidy + 30_000, template.Coinbase.BlockRewardRemaining);
        Assert.Equal(["include 0", "include 1"], source.Decisions);

        // The template is a valid block once solved.
        ulong tries = ulong.MaxValue;
        Assert.Equal(BlockSolveResult.Solved, BlockSolver.Solve(block, node.ChainParams.Consensus, ref tries));
        Assert.Null(await node.CallAsync("submitblock", Convert.ToHexStringLower(block.ToBytes())));
        Assert.Equal(block.GetHash(), node.Chainman.ActiveTip!.Hash);
    }

    [Fact]
    public async Task AChunkPayingLessThanTheMinimumFeeRateEndsSelection()
    {
        var source = new ListTransactionSource();
        using var node = new RegtestNode(transactionSource: source,
            miningOptions: new BlockCreateOptions { BlockMinFeeRatePerKvB = 10_000 });
        var coins = await SpendableCoins.CreateAsync(node, 2);
        var cheap = coins.Spend(fee: 100);
        var rich = coins.Spend(fee: 100_000);
        source.Add(SpendableCoins.Chunk(cheap, 100));
        // A source offers its best chunks first, so nothing after a too-cheap chunk is looked at.
        source.Add(SpendableCoins.Chunk(rich, 100_000));

        var template = node.Miner.CreateNewBlock(new BlockCreateOptions());

        Assert.Single(template.Block.Transactions);
        Assert.Empty(source.Decisions);
    }

    [Fact]
    public async Task AChunkThatDoesNotFitIsSkippedWithItsDependentsButLaterChunksStillFit()
    {
        var source = new ListTransactionSource();
        using var node = new RegtestNode(transactionSource: source);
        var coins = await SpendableCoins.CreateAsync(node, 2);
        var big = coins.Spend(fee: 50_000, outputs: 40);
        var child = coins.SpendOutput(big, 0, fee: 40_000);
        var small = coins.Spend(fee: 10_000);
        long bigWeight = SpendableCoins.Entry(big, 0).Weight;
        long smallWeight = SpendableCoins.Entry(small, 0).Weight;
        int parent = source.Add(SpendableCoins.Chunk(big, 50_000));
        source.Add(SpendableCoins.Chunk(child, 40_000), dependsOn: parent);
        source.Add(SpendableCoins.Chunk(small, 10_000));

        // Room for the small transaction only.
        ulong maxWeight = BlockCreateOptions.MinimumBlockReservedWeight + (ulong)smallWeight + 1;
        Assert.True(bigWeight > smallWeight + 1);
        var template = node.Miner.CreateNewBlock(new BlockCreateOptions
        {
            BlockReservedWeight = BlockCreateOptions.MinimumBlockReservedWeight,
            BlockMaxWeight = maxWeight,
        });

        Assert.Equal([small.GetHash()], template.Block.Transactions.Skip(1).Select(t => t.GetHash()));
        Assert.Equal(["skip 0", "include 2"], source.Decisions);
        Assert.Equal((long)BlockCreateOptions.MinimumBlockReservedWeight + smallWeight, template.Weight);
        Assert.Equal(template.Weight, node.Miner.LastBlockWeight);
        Assert.Equal(1, node.Miner.LastBlockTransactionCount);
    }

    [Fact]
    public async Task ATransactionNotFinalAtTheNextHeightIsLeftOut()
    {
        var source = new ListTransactionSource();
        using var node = new RegtestNode(transactionSource: source);
        var coins = await SpendableCoins.CreateAsync(node, 1);
        int nextHeight = node.Chainman.ActiveHeight + 1;
        var locked = coins.Spend(fee: 10_000, lockTime: (uint)nextHeight, sequence: 0);
        source.Add(SpendableCoins.Chunk(locked, 10_000));

        var template = node.Miner.CreateNewBlock(new BlockCreateOptions());

        Assert.Single(template.Block.Transactions);
        Assert.Equal(["skip 0"], source.Decisions);
    }

    [Fact]
    public async Task TheCoinbaseCarriesHeightLockTimeAndWitnessCommitmentAsCoresDoes()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(20);

        var template = node.Miner.CreateNewBlock(new BlockCreateOptions());

        var coinbase = template.Block.Transactions[0];
        Assert.Equal(2u, coinbase.Version);
        Assert.Equal(20u, coinbase.LockTime.Value);
        Assert.Equal(0xfffffffeu, coinbase.Inputs[0].Sequence.Value);
        // Height 21 pushed as one byte, with no OP_0 padding above height 16.
        Assert.Equal("0115", Convert.ToHexStringLower(coinbase.Inputs[0].ScriptSig.ToBytes()));
        Assert.Equal("0115", Convert.ToHexStringLower(template.Coinbase.ScriptSigPrefix));
        Assert.Equal(uint256.Zero, template.Coinbase.Witness);
        var commitment = Assert.Single(template.Coinbase.RequiredOutputs);
        Assert.StartsWith("6a24aa21a9ed", Convert.ToHexStringLower(commitment.ScriptPubKey.ToBytes()));
        Assert.Equal(Script.FromBytesUnsafe([(byte)OpcodeType.OP_TRUE]), coinbase.Outputs[0].ScriptPubKey);
    }

    [Fact]
    public void LowHeightsPadTheCoinbaseScriptSigToTwoBytes()
    {
        using var node = new RegtestNode();

        var template = node.Miner.CreateNewBlock(new BlockCreateOptions());

        // Height 1 is OP_1, followed by OP_0 (consensus needs at least two bytes).
        Assert.Equal("5100", Convert.ToHexStringLower(template.Block.Transactions[0].Inputs[0].ScriptSig.ToBytes()));
        Assert.Equal("51", Convert.ToHexStringLower(template.Coinbase.ScriptSigPrefix));
    }

    [Fact]
    public async Task BlockTimeIsTheClockButNeverBeforeMedianTimePastPlusOne()
    {
        using var node = new RegtestNode(mockTime: 1_700_000_000);
        await node.GenerateAsync(11);
        long medianTimePast = node.Chainman.ActiveTip!.GetMedianTimePast();

        // A clock a little behind the chain (still within the two hours consensus allows ahead of it).
        node.Clock.Seconds = medianTimePast - 100;
        Assert.Equal(medianTimePast + 1, node.Miner.CreateNewBlock(new BlockCreateOptions()).Block.Header.BlockTime.ToUnixTimeSeconds());

        node.Clock.Seconds = 1_700_000_500;
        Assert.Equal(1_700_000_500, node.Miner.CreateNewBlock(new BlockCreateOptions()).Block.Header.BlockTime.ToUnixTimeSeconds());
    }

    [Fact]
    public void RetargetBlocksMayNotGoMoreThanTenMinutesBehindTheirParent()
    {
        // A parent far ahead of its median time past: BIP94 binds at the first block of a period only.
        var factory = Network.RegTest.Consensus.ConsensusFactory;
        Kernel.Chain.BlockIndex? previous = null;
        foreach (var (height, time) in new[] { (141, 1_000), (142, 1_000), (143, 20_000) })
        {
            var header = factory.CreateBlockHeader();
            header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(time);
            previous = new Kernel.Chain.BlockIndex(header) { Height = height, Previous = previous };
        }

        Assert.Equal(20_000 - ConsensusConstants.MaxTimewarp, BlockTime.GetMinimumTime(previous!, 144));
        Assert.Equal(1_001, BlockTime.GetMinimumTime(previous!, 2016));
    }

    [Fact]
    public void BlockVersionOverrideAppliesOnRegtest()
    {
        using var node = new RegtestNode(miningOptions: new BlockCreateOptions { BlockVersionOverride = 1337 });

        Assert.Equal(1337, node.Miner.CreateNewBlock(new BlockCreateOptions()).Block.Header.Version);
    }

    [Fact]
    public void OptionsBeyondConsensusLimitsAreRefused()
    {
        using var node = new RegtestNode();

        var error = Assert.Throws<ArgumentException>(() => node.Miner.CreateNewBlock(new BlockCreateOptions { BlockMaxWeight = 4_000_001 }));
        Assert.StartsWith("block_max_weight (4000001) exceeds consensus maximum block weight (4000000)", error.Message);
    }
}
