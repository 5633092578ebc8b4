using Bitcoin.Node.Net.TxDownload;
using NBitcoin;

namespace Bitcoin.Node.Tests.Net;

// Transaction request scheduling (the behaviour Core's txrequest_tests and p2p_tx_download.py check).
public class TxRequestTrackerTests
{
    private static GenTxid Wtx(ulong n) => new(true, new uint256(n));

    [Fact]
    public void DelayedAnnouncementsBecomeRequestableAtTheirTime()
    {
        var tracker = new TxRequestTracker(deterministic: true);
        tracker.ReceivedInv(1, Wtx(1), preferred: false, requestTimeMicros: 2_000_000);
        var expired = new List<(long, GenTxid)>();
        Assert.Empty(tracker.GetRequestable(1, 1_999_999, expired));
        Assert.Equal([Wtx(1)], tracker.GetRequestable(1, 2_000_000, expired));
    }

    [Fact]
    public void PreferredPeerIsAskedFirstAndOthersWaitForTheResponse()
    {
        var tracker = new TxRequestTracker(deterministic: true);
        var expired = new List<(long, GenTxid)>();
        tracker.ReceivedInv(1, Wtx(5), preferred: false, requestTimeMicros: 0);
        tracker.ReceivedInv(2, Wtx(5), preferred: true, requestTimeMicros: 0);
        Assert.Empty(tracker.GetRequestable(1, 10, expired));
        Assert.Equal([Wtx(5)], tracker.GetRequestable(2, 10, expired));
        tracker.RequestedTx(2, Wtx(5).Hash, expiryMicros: 60_000_000);
        Assert.Equal(1, tracker.CountInFlight(2));
        // While the request is in flight nobody else is asked.
        Assert.Empty(tracker.GetRequestable(1, 20, expired));
        // notfound from peer 2: the other announcer gets its turn.
        tracker.ReceivedResponse(2, Wtx(5).Hash);
        Assert.Equal([Wtx(5)], tracker.GetRequestable(1, 30, expired));
    }

    [Fact]
    public void UnansweredRequestsExpire()
    {
        var tracker = new TxRequestTracker(deterministic: true);
        var expired = new List<(long, GenTxid)>();
        tracker.ReceivedInv(1, Wtx(9), preferred: true, requestTimeMicros: 0);
        tracker.ReceivedInv(2, Wtx(9), preferred: false, requestTimeMicros: 0);
        Assert.Equal([Wtx(9)], tracker.GetRequestable(1, 0, expired));
        tracker.RequestedTx(1, Wtx(9).Hash, expiryMicros: 60_000_000);
        Assert.Empty(tracker.GetRequestable(2, 59_999_999, expired));
        Assert.Equal([Wtx(9)], tracker.GetRequestable(2, 60_000_000, expired));
        Assert.Equal((1L, Wtx(9)), Assert.Single(expired));
    }

    [Fact]
    public void ForgettingAndDisconnecting()
    {
        var tracker = new TxRequestTracker(deterministic: true);
        tracker.ReceivedInv(1, Wtx(1), false, 0);
        tracker.ReceivedInv(1, Wtx(2), false, 0);
        tracker.ReceivedInv(2, Wtx(2), false, 0);
        Assert.Equal(3, tracker.Size);
        tracker.ForgetTxHash(Wtx(2).Hash);
        Assert.Equal(1, tracker.Count(1));
        Assert.Equal(0, tracker.Count(2));
        tracker.DisconnectedPeer(1);
        Assert.Equal(0, tracker.Size);
    }
}
