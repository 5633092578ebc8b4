using System.Collections.Concurrent;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation.Support;

/// <summary>Records queued validation events as "connected:H", "disconnected:H", "tip:H", "flushed:H" in delivery order.</summary>
internal sealed class RecordingSubscriber : IValidationInterface
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<Thread> Threads { get; } = new();

    public void BlockConnected(Block block, BlockIndex index)
    {
        Threads.Enqueue(Thread.CurrentThread);
        Events.Enqueue($"connected:{index.Height}");
    }

    public void BlockDisconnected(Block block, BlockIndex index) => Events.Enqueue($"disconnected:{index.Height}");

    public void UpdatedBlockTip(BlockIndex newTip, BlockIndex? fork, bool initialDownload) => Events.Enqueue($"tip:{newTip.Height}");
}
