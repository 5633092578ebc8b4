using Bitcoin.Common.Args;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using NBitcoin;

namespace Bitcoin.Node.Tests.Context;

public sealed class KernelNotificationsTests
{
    private static BlockIndex Block(int height) =>
        new(Header(height)) { Height = height };

    private static BlockHeader Header(int height)
    {
        var header = Network.RegTest.Consensus.ConsensusFactory.CreateBlockHeader();
        header.Nonce = (uint)height;
        header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(1_296_688_602 + height);
        return header;
    }

    [Fact]
    public async Task BlockTipRecordsTheTipAndWakesWaiters()
    {
        var node = new NodeContext(new ArgsManager());
        var notifications = new KernelNotifications(node);
        var tip = Block(1);
        var waiter = Task.Run(() => notifications.WaitForTip(hash => hash is not null, TimeSpan.FromMinutes(1)));

        Assert.False(notifications.BlockTip(SynchronizationState.PostInit, tip, 1.0));

        Assert.Equal(tip.Hash, await waiter.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(tip.Hash, notifications.TipBlock);
        Assert.False(node.ShutdownRequested);
    }

    [Fact]
    public void ReachingStopAtHeightRequestsShutdownAndInterruptsTheKernel()
    {
        var node = new NodeContext(new ArgsManager());
        var notifications = new KernelNotifications(node) { StopAtHeight = 5 };

        Assert.False(notifications.BlockTip(SynchronizationState.PostInit, Block(4), 1.0));
        Assert.False(node.ShutdownRequested);
        Assert.True(notifications.BlockTip(SynchronizationState.PostInit, Block(5), 1.0));
        Assert.True(node.ShutdownRequested);
    }

    [Fact]
    public void FatalErrorStopsTheNodeWithStatusOneAndAWarning()
    {
        var node = new NodeContext(new ArgsManager());
        var notifications = new KernelNotifications(node);

        notifications.FatalError("Disk is full");

        Assert.True(node.ShutdownRequested);
        Assert.Equal(1, node.ExitStatus);
        Assert.Equal(["Disk is full"], node.Warnings.GetMessages());
    }

    [Fact]
    public void FatalErrorCanBeKeptFromShuttingDownForTests()
    {
        var node = new NodeContext(new ArgsManager());
        var notifications = new KernelNotifications(node) { ShutdownOnFatalError = false };

        notifications.FatalError("Disk is full");

        Assert.False(node.ShutdownRequested);
        Assert.Equal(1, node.ExitStatus);
    }

    [Fact]
    public async Task WaitForTipReturnsWhenCancelled()
    {
        var notifications = new KernelNotifications(new NodeContext(new ArgsManager()));
        using var cancel = new CancellationTokenSource();
        var waiter = Task.Run(() => notifications.WaitForTip(_ => false, Timeout.InfiniteTimeSpan, cancel.Token));

        cancel.Cancel();

        Assert.Null(await waiter.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void KernelWarningsAreShownOnce()
    {
        var node = new NodeContext(new ArgsManager());
        var notifications = new KernelNotifications(node);

        notifications.WarningSet(KernelWarning.LargeWorkInvalidChain, "Warning: a fork");
        notifications.WarningSet(KernelWarning.LargeWorkInvalidChain, "Warning: a fork");
        Assert.Equal(["Warning: a fork"], node.Warnings.GetMessages());

        notifications.WarningUnset(KernelWarning.LargeWorkInvalidChain);
        Assert.Empty(node.Warnings.GetMessages());
    }
}
