using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>The block subsidy schedule (Core's GetBlockSubsidy).</summary>
public static class Subsidy
{
    /// <summary>The new coins a block at <paramref name="height"/> may create: 50 BTC halved every interval, zero after 64 halvings.</summary>
    public static Money GetBlockSubsidy(int height, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        int halvings = height / consensus.SubsidyHalvingInterval;
        // A right shift by 64 or more is undefined in C++ and wraps in C#; the subsidy is simply gone by then.
        if (halvings >= 64) return Money.Zero;
        long subsidy = 50 * ConsensusConstants.Coin;
        subsidy >>= halvings;
        return Money.Satoshis(subsidy);
    }
}
