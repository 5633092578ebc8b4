using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Net.Processing;
using NBitcoin;

namespace Bitcoin.Node.Tests.Net;

// The checks before a BIP157 request is answered (Core's PrepareBlockFilterRequest; p2p_blockfilters.py expects these
// log texts). Each failure disconnects the peer.
public class BlockFilterRequestCheckTests
{
    private static readonly uint256 StopHash = new(0xabcdef);

    private static BlockIndex AtHeight(int height) => new(Network.RegTest.Consensus.ConsensusFactory.CreateBlockHeader()) { Height = height };

    private static string? Check(byte type = 0, bool serves = true, BlockIndex? stop = null, bool allowed = true, uint start = 0,
        uint max = BlockFilterRequestCheck.MaxGetCFilters) =>
        BlockFilterRequestCheck.Check(type, serves, StopHash, stop, allowed, start, max);

    [Fact]
    public void ARangeOfExactlyTheLimitIsAnswered()
    {
        Assert.Null(Check(stop: AtHeight(1000), start: 1));
        Assert.Null(Check(stop: AtHeight(2000), start: 1, max: BlockFilterRequestCheck.MaxGetCFHeaders));
        Assert.Null(Check(stop: AtHeight(0), start: 0));
    }

    [Fact]
    public void OneFilterTooManyIsRefusedWithTheCountAndLimit()
    {
        Assert.Equal("peer requested too many cfilters/cfheaders: 1001 / 1000", Check(stop: AtHeight(1000), start: 0));
        Assert.Equal("peer requested too many cfilters/cfheaders: 2001 / 2000",
            Check(stop: AtHeight(2000), start: 0, max: BlockFilterRequestCheck.MaxGetCFHeaders));
    }

    [Fact]
    public void CheckpointRequestsHaveNoRangeLimit() =>
        Assert.Null(Check(stop: AtHeight(5_000_000), start: 0, max: uint.MaxValue));

    [Fact]
    public void StartAboveStopIsRefused() =>
        Assert.Equal("peer sent invalid getcfilters/getcfheaders with start height 1000 and stop height 999",
            Check(stop: AtHeight(999), start: 1000));

    [Fact]
    public void UnknownTypeIsRefusedBeforeTheStopHashIsConsidered() =>
        Assert.Equal("peer requested unsupported block filter type: 255", Check(type: 255, stop: null, allowed: false));

    [Fact]
    public void BasicFiltersAreUnsupportedWithoutPeerBlockFilters() =>
        Assert.Equal("peer requested unsupported block filter type: 0", Check(serves: false, stop: AtHeight(10)));

    [Fact]
    public void UnknownOrDisallowedStopBlockIsRefused()
    {
        Assert.Equal($"peer requested invalid block hash: {StopHash}", Check(stop: null));
        Assert.Equal($"peer requested invalid block hash: {StopHash}", Check(stop: AtHeight(10), allowed: false));
    }
}
