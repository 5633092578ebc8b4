using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Core's pow_tests.cpp cases, plus testnet's minimum-difficulty rule, regtest's no-retarget and BIP94.</summary>
public class PowTests
{
    private static readonly ConsensusParams Main = ChainParams.Create(ChainType.Main).Consensus;

    private static BlockIndex Entry(int height, uint time, uint bits) =>
        new(uint256.One, 0x20000000, uint256.Zero, time, bits, 0) { Height = height };

    [Theory]
    [InlineData(1261130161L, 32255, 1262152739u, 0x1d00ffffu, 0x1d00d86au)] // get_next_work
    [InlineData(1231006505L, 2015, 1233061996u, 0x1d00ffffu, 0x1d00ffffu)] // get_next_work_pow_limit
    [InlineData(1279008237L, 68543, 1279297671u, 0x1c05a3f4u, 0x1c0168fdu)] // get_next_work_lower_limit_actual
    [InlineData(1263163443L, 46367, 1269211443u, 0x1c387f6fu, 0x1d00e1fdu)] // get_next_work_upper_limit_actual
    public void RetargetMatchesCoresPowTests(long lastRetargetTime, int height, uint time, uint bits, uint expected)
    {
        var last = Entry(height, time, bits);

        Assert.Equal(expected, Pow.CalculateNextWorkRequired(last, lastRetargetTime, Main));
        Assert.True(Pow.PermittedDifficultyTransition(Main, height + 1, bits, expected));
    }

    [Fact]
    public void DifficultyMayNotMoveBeyondTheFactorOfFourLimits()
    {
        // From get_next_work_lower_limit_actual and get_next_work_upper_limit_actual.
        Assert.False(Pow.PermittedDifficultyTransition(Main, 68544, 0x1c05a3f4, 0x1c0168fd - 1));
        Assert.False(Pow.PermittedDifficultyTransition(Main, 46368, 0x1c387f6f, 0x1d00e1fd + 1));
        // Outside a retarget boundary the target must not change at all.
        Assert.False(Pow.PermittedDifficultyTransition(Main, 46369, 0x1c387f6f, 0x1c387f6e));
    }

    [Fact]
    public void ProofOfWorkRejectsNegativeOverflowingTooEasyAndZeroTargets()
    {
        var one = new uint256(1);
        Assert.False(Pow.CheckProofOfWork(one, Main.PowLimit.ToCompact(negative: true), Main));
        Assert.False(Pow.CheckProofOfWork(one, ~0x00800000u, Main));
        Assert.False(Pow.CheckProofOfWork(one, (Main.PowLimit * 2UL).ToCompact(), Main));
        Assert.False(Pow.CheckProofOfWork(uint256.Zero, ArithUInt256.Zero.ToCompact(), Main));
        // A hash above the target.
        Assert.False(Pow.CheckProofOfWork((Main.PowLimit * 2UL).ToUInt256(), Main.PowLimit.ToCompact(), Main));
        Assert.True(Pow.CheckProofOfWork(one, Main.PowLimit.ToCompact(), Main));
    }

    [Fact]
    public void ProofEquivalentTimeEqualsTimeDifferenceAtConstantDifficulty()
    {
        var blocks = new BlockIndex[10000];
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Entry(i, (uint)(1269211443 + (i * Main.PowTargetSpacing)), 0x207fffff);
            blocks[i].Previous = i > 0 ? blocks[i - 1] : null;
            blocks[i].ChainWork = i > 0 ? blocks[i - 1].ChainWork + Pow.GetBlockProof(blocks[i - 1]) : ArithUInt256.Zero;
        }
        var random = new Random(1234);
        for (int j = 0; j < 1000; j++)
        {
            var p1 = blocks[random.Next(10000)];
            var p2 = blocks[random.Next(10000)];
            var p3 = blocks[random.Next(10000)];
            Assert.Equal(p1.BlockTime - p2.BlockTime, Pow.GetBlockProofEquivalentTime(p1, p2, p3, Main));
        }
    }

    [Theory]
    [InlineData(ChainType.Main)]
    [InlineData(ChainType.Testnet)]
    [InlineData(ChainType.Testnet4)]
    [InlineData(ChainType.Signet)]
    [InlineData(ChainType.Regtest)]
    public void ChainParamsPassCoresSanityChecks(ChainType type)
    {
        var chain = ChainParams.Create(type);
        var consensus = chain.Consensus;
        Assert.Equal(0, consensus.PowTargetTimespan % consensus.PowTargetSpacing);
        var genesisTarget = ArithUInt256.FromCompact((uint)chain.GenesisBlock.Header.Bits, out bool negative, out bool overflow);
        Assert.False(negative);
        Assert.False(overflow);
        Assert.False(genesisTarget.IsZero);
        Assert.True(consensus.PowLimit >= genesisTarget);
        if (!consensus.PowNoRetargeting)
        {
            // The largest target times four timespans must not overflow in CalculateNextWorkRequired.
            Assert.True(consensus.PowLimit < ArithUInt256.MaxValue / (ulong)(consensus.PowTargetTimespan * 4));
        }
    }

    [Fact]
    public void TestnetAllowsMinimumDifficultyAfterTwentyMinutesAndOtherwiseUsesLastRealTarget()
    {
        var testnet = ChainParams.Create(ChainType.Testnet).Consensus;
        uint limit = testnet.PowLimit.ToCompact();
        var real = Entry(2016, 1_600_000_000, 0x1c0ffff0);
        var minDifficulty = Entry(2017, 1_600_001_300, limit);
        minDifficulty.Previous = real;

        // More than 2 * 10 minutes after the previous block: minimum difficulty.
        Assert.Equal(limit, Pow.GetNextWorkRequired(minDifficulty, minDifficulty.BlockTime + 1201, testnet));
        // Otherwise: the last target not set by the special rule.
        Assert.Equal(0x1c0ffff0u, Pow.GetNextWorkRequired(minDifficulty, minDifficulty.BlockTime + 600, testnet));
        // Mainnet has no such rule.
        Assert.Equal(limit, Pow.GetNextWorkRequired(minDifficulty, minDifficulty.BlockTime + 600, Main));
    }

    [Fact]
    public void RegtestNeverRetargets()
    {
        var regtest = ChainParams.Create(ChainType.Regtest).Consensus;
        var last = Entry(143, 1_600_000_000, 0x207fffff);

        Assert.Equal(0x207fffffu, Pow.CalculateNextWorkRequired(last, 1_500_000_000, regtest));
    }

    [Fact]
    public void Bip94RetargetsFromTheFirstBlockOfThePeriodNotAMinimumDifficultyLastBlock()
    {
        var testnet4 = ChainParams.Create(ChainType.Testnet4).Consensus;
        // A period whose first block has a real target and whose last block used the min-difficulty exception.
        var chain = new BlockIndex[2016];
        for (int i = 0; i < chain.Length; i++)
        {
            uint bits = i == chain.Length - 1 ? testnet4.PowLimit.ToCompact() : 0x1c0ffff0;
            chain[i] = Entry(2016 + i, (uint)(1_700_000_000 + (i * 600)), bits);
            chain[i].Previous = i > 0 ? chain[i - 1] : null;
        }
        var last = chain[^1];
        long firstTime = chain[0].BlockTime;

        uint expected = (ArithUInt256.FromCompact(0x1c0ffff0) * (ulong)(last.BlockTime - firstTime) / (ulong)testnet4.PowTargetTimespan).ToCompact();
        Assert.Equal(expected, Pow.CalculateNextWorkRequired(last, firstTime, testnet4));
        // Without BIP94 (testnet3) the min-difficulty last block would set the base.
        var testnet3 = ChainParams.Create(ChainType.Testnet).Consensus;
        var fromLast = ArithUInt256.FromCompact(last.Bits) * (ulong)(last.BlockTime - firstTime) / (ulong)testnet3.PowTargetTimespan;
        Assert.Equal(fromLast.ToCompact(), Pow.CalculateNextWorkRequired(last, firstTime, testnet3));
        Assert.NotEqual(expected, fromLast.ToCompact());
    }

    [Fact]
    public void BlockProofOfDifficultyOneIsTwoToTheThirtyTwo()
    {
        Assert.Equal(new ArithUInt256(0x100010001UL), Pow.GetBitsProof(0x1d00ffff));
        Assert.False(Pow.GetBitsProof(0x05123456).IsZero);
        Assert.True(Pow.GetBitsProof(0x01fedcba).IsZero); // negative
        Assert.Equal(1.0, Pow.GetDifficulty(0x1d00ffff));
    }
}
