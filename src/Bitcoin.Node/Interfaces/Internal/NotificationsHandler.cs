using Bitcoin.Interfaces;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Validation;
using NBitcoin;
using KernelRemovalReason = Bitcoin.Kernel.Validation.MempoolRemovalReason;

namespace Bitcoin.Node.Interfaces.Internal;

/// <summary>
/// Forwards validation events to a client's <see cref="IChainNotifications"/> until disconnected (Core's
/// NotificationsProxy and NotificationsHandlerImpl). Events already queued when it is disconnected are dropped
/// rather than delivered to a client that asked to stop.
/// </summary>
internal sealed class NotificationsHandler : IValidationInterface, IHandler
{
    private readonly ValidationSignals _signals;
    private volatile IChainNotifications? _notifications;
    private IDisposable? _registration;

    public NotificationsHandler(ValidationSignals signals, IChainNotifications notifications)
    {
        _signals = signals;
        _notifications = notifications;
        _registration = signals.Register(this);
    }

    public void Disconnect()
    {
        _notifications = null;
        Interlocked.Exchange(ref _registration, null)?.Dispose();
    }

    public void Dispose() => Disconnect();

    public void TransactionAddedToMempool(NewMempoolTransactionInfo tx, ulong mempoolSequence) =>
        _notifications?.TransactionAddedToMempool(tx.Transaction);

    public void TransactionRemovedFromMempool(Transaction tx, KernelRemovalReason reason, ulong mempoolSequence) =>
        _notifications?.TransactionRemovedFromMempool(tx, (Bitcoin.Interfaces.MempoolRemovalReason)(int)reason);

    public void BlockConnected(Block block, BlockIndex index) =>
        _notifications?.BlockConnected(ChainstateRole.Normal, MakeBlockInfo(index, block));

    public void BlockDisconnected(Block block, BlockIndex index) =>
        _notifications?.BlockDisconnected(MakeBlockInfo(index, block));

    public void UpdatedBlockTip(BlockIndex newTip, BlockIndex? fork, bool initialDownload) => _notifications?.UpdatedBlockTip();

    public void ChainStateFlushed(BlockLocator locator) => _notifications?.ChainStateFlushed(ChainstateRole.Normal, locator);

    /// <summary>Core's kernel::MakeBlockInfo.</summary>
    internal static BlockInfo MakeBlockInfo(BlockIndex index, Block? block) => new(index.Hash)
    {
        PrevHash = index.Previous?.Hash,
        Height = index.Height,
        FileNumber = index.File,
        DataPos = index.DataPos,
        Data = block,
        ChainTimeMax = index.TimeMax,
    };
}
