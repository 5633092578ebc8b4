using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Core's validation_tests block_subsidy_test / subsidy_limit_test.</summary>
public class SubsidyTests
{
    [Fact]
    public void SubsidyHalvesEveryIntervalAndEndsAfterSixtyFourHalvings()
    {
        var consensus = ChainParams.Create(ChainType.Main).Consensus;
        long initial = 50 * ConsensusConstants.Coin;
        Assert.Equal(initial, Subsidy.GetBlockSubsidy(0, consensus).Satoshi);
        long previous = initial * 2;
        for (int halvings = 0; halvings < 64; halvings++)
        {
            long subsidy = Subsidy.GetBlockSubsidy(halvings * consensus.SubsidyHalvingInterval, consensus).Satoshi;
            Assert.True(subsidy <= initial);
            Assert.Equal(previous / 2, subsidy);
            previous = subsidy;
        }
        Assert.Equal(0, Subsidy.GetBlockSubsidy(64 * consensus.SubsidyHalvingInterval, consensus).Satoshi);
    }

    [Fact]
    public void TotalSubsidyStaysBelowTwentyOneMillion()
    {
        var consensus = ChainParams.Create(ChainType.Main).Consensus;
        long sum = 0;
        for (int height = 0; height < 14_000_000; height += 1000)
        {
            long subsidy = Subsidy.GetBlockSubsidy(height, consensus).Satoshi;
            Assert.True(subsidy <= 50 * ConsensusConstants.Coin);
            sum += subsidy * 1000;
            Assert.True(ConsensusConstants.MoneyRange(sum));
        }
        Assert.Equal(2099999997690000L, sum);
    }

    [Fact]
    public void RegtestHalvesEvery150Blocks()
    {
        var regtest = ChainParams.Create(ChainType.Regtest).Consensus;
        Assert.Equal(Money.Coins(50), Subsidy.GetBlockSubsidy(149, regtest));
        Assert.Equal(Money.Coins(25), Subsidy.GetBlockSubsidy(150, regtest));
    }
}
