using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>Chain notifications that write down every event they receive.</summary>
internal sealed class RecordingNotifications : IChainNotifications
{
    public List<string> Events { get; } = [];

    private void Add(string name, params object?[] args)
    {
        lock (Events) Events.Add(name + "(" + string.Join(", ", args.Select(Canon.Of)) + ")");
    }

    public void TransactionAddedToMempool(Transaction tx) => Add(nameof(TransactionAddedToMempool), tx);
    public void TransactionRemovedFromMempool(Transaction tx, MempoolRemovalReason reason) => Add(nameof(TransactionRemovedFromMempool), tx, reason);
    public void BlockConnected(ChainstateRole role, BlockInfo block) => Add(nameof(BlockConnected), role, block);
    public void BlockDisconnected(BlockInfo block) => Add(nameof(BlockDisconnected), block);
    public void UpdatedBlockTip() => Add(nameof(UpdatedBlockTip));
    public void ChainStateFlushed(ChainstateRole role, BlockLocator locator) => Add(nameof(ChainStateFlushed), role, locator);
}
