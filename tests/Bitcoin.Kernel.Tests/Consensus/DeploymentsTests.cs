using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>BIP9 state machine facts from Core's versionbits_tests.cpp, on regtest's testdummy (period 144, threshold 108).</summary>
public class DeploymentsTests
{
    private const int Signal = 0x20000000 | (1 << 28);
    private const int NoSignal = 0x20000000;

    private static ChainParams Regtest(long start = 0, long timeout = Bip9Deployment.NoTimeout, int minActivationHeight = 0) =>
        ChainParams.Create(ChainType.Regtest, new ChainParamsOptions
        {
            VersionBitsParameters = new Dictionary<DeploymentPos, VersionBitsParameters>
            {
                [DeploymentPos.TestDummy] = new(start, timeout, minActivationHeight),
            },
        });

    // Grows a chain from genesis; each new block gets time = 1000 + 600 * height and the version from the function.
    private static List<BlockIndex> Grow(List<BlockIndex> chain, int count, Func<int, int> version)
    {
        for (int i = 0; i < count; i++)
        {
            int height = chain.Count;
            var entry = new BlockIndex(new uint256((ulong)height + 1), version(height), uint256.Zero, (uint)(1000 + (600 * height)), 0x207fffff, 0)
            {
                Height = height,
                Previous = chain.Count > 0 ? chain[^1] : null,
            };
            entry.BuildSkip();
            chain.Add(entry);
        }
        return chain;
    }

    [Fact]
    public void SignallingLocksInThenActivatesOnePeriodLater()
    {
        var deployments = new Deployments(Regtest());
        var chain = Grow([], 143, _ => NoSignal);
        // Heights 0..142: the first period ends at 143, so block 143 is still DEFINED... then STARTED from 144.
        Assert.Equal(ThresholdState.Defined, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
        Grow(chain, 1, _ => NoSignal);
        Assert.Equal(ThresholdState.Started, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
        Assert.Equal(Signal, deployments.ComputeBlockVersion(chain[^1]));

        // 108 signalling blocks of 144 reach the threshold.
        Grow(chain, 144, h => h % 144 < 108 ? Signal : NoSignal);
        Assert.Equal(ThresholdState.LockedIn, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
        Assert.Equal(Signal, deployments.ComputeBlockVersion(chain[^1]));
        Grow(chain, 144, _ => NoSignal);
        Assert.Equal(ThresholdState.Active, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
        Assert.True(deployments.IsActive(chain[^1], DeploymentPos.TestDummy));
        Assert.Equal(NoSignal, deployments.ComputeBlockVersion(chain[^1]));
        Assert.Equal(432, deployments.GetStateSinceHeightFor(chain[^1], DeploymentPos.TestDummy));
    }

    [Fact]
    public void OneSignalShortOfTheThresholdStaysStarted()
    {
        var deployments = new Deployments(Regtest());
        var chain = Grow([], 144, _ => NoSignal);
        Grow(chain, 144, h => h % 144 < 107 ? Signal : NoSignal);
        Assert.Equal(ThresholdState.Started, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
    }

    [Fact]
    public void TopBitsMustBeVersionBitsForSignalToCount()
    {
        var deployments = new Deployments(Regtest());
        var chain = Grow([], 144, _ => NoSignal);
        // Bit 28 set but with top bits 011: not a version-bits block.
        Grow(chain, 144, _ => 0x60000000 | (1 << 28));
        Assert.Equal(ThresholdState.Started, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
    }

    [Fact]
    public void TimeoutWithoutLockInFails()
    {
        // Timeout at median time past 1000 + 600*200.
        var deployments = new Deployments(Regtest(timeout: 1000 + (600 * 200)));
        var chain = Grow([], 432, _ => NoSignal);
        Assert.Equal(ThresholdState.Failed, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
        Assert.Equal(NoSignal, deployments.ComputeBlockVersion(chain[^1]));
    }

    [Fact]
    public void MinActivationHeightDelaysActivation()
    {
        var deployments = new Deployments(Regtest(minActivationHeight: 576));
        var chain = Grow([], 144, _ => NoSignal);
        Grow(chain, 144, _ => Signal);
        Grow(chain, 144, _ => NoSignal);
        Assert.Equal(ThresholdState.LockedIn, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
        Grow(chain, 144, _ => NoSignal);
        Assert.Equal(ThresholdState.Active, deployments.GetStateFor(chain[^1], DeploymentPos.TestDummy));
    }

    [Fact]
    public void AlwaysAndNeverActiveShortCircuit()
    {
        var always = new Deployments(Regtest(start: Bip9Deployment.AlwaysActive));
        Assert.Equal(ThresholdState.Active, always.GetStateFor(null, DeploymentPos.TestDummy));
        Assert.Equal(0, always.GetStateSinceHeightFor(null, DeploymentPos.TestDummy));
        var never = new Deployments(ChainParams.Create(ChainType.Main));
        Assert.Equal(ThresholdState.Failed, never.GetStateFor(null, DeploymentPos.TestDummy));
        Assert.False(never.IsEnabled(DeploymentPos.TestDummy));
    }

    [Fact]
    public void StatisticsCountSignalsInTheCurrentPeriod()
    {
        var deployments = new Deployments(Regtest());
        var chain = Grow([], 144, _ => NoSignal);
        Grow(chain, 10, h => h % 2 == 0 ? Signal : NoSignal);
        var signalling = new List<bool>();
        var stats = deployments.GetStateStatisticsFor(chain[^1], DeploymentPos.TestDummy, signalling);

        Assert.Equal(new Bip9Stats(144, 108, 10, 5, true), stats);
        Assert.Equal(10, signalling.Count);
        Assert.True(signalling[0]);
        Assert.False(signalling[1]);
        var info = deployments.Info(chain[^1], DeploymentPos.TestDummy);
        Assert.Equal("started", info.CurrentState);
        Assert.Equal(144, info.Since);
    }

    [Fact]
    public void BuriedDeploymentsActivateAtTheirHeights()
    {
        var main = ChainParams.Create(ChainType.Main).Consensus;
        var before = new BlockIndex(uint256.One, 4, uint256.Zero, 0, 0, 0) { Height = main.SegwitHeight - 2 };
        var at = new BlockIndex(uint256.One, 4, uint256.Zero, 0, 0, 0) { Height = main.SegwitHeight - 1 };
        Assert.False(Deployments.IsActiveAfter(before, main, BuriedDeployment.Segwit));
        Assert.True(Deployments.IsActiveAfter(at, main, BuriedDeployment.Segwit));
        Assert.False(Deployments.IsActiveAfter(null, main, BuriedDeployment.HeightInCoinbase));
        Assert.True(Deployments.IsActiveAfter(null, ChainParams.Create(ChainType.Regtest).Consensus, BuriedDeployment.Segwit));
    }
}
