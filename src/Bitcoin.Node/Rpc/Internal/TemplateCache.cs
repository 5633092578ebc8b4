using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Rpc.Internal;

/// <summary>
/// getblocktemplate's last template (Core keeps it in function statics): reused while the tip is the same and the
/// mempool has not changed in the last five seconds. Guarded by its own lock.
/// </summary>
internal sealed class TemplateCache
{
    public Lock Lock { get; } = new();

    /// <summary>The tip the template was built on, or null when there is none (or building failed).</summary>
    public BlockIndex? Previous { get; set; }

    /// <summary>When the template was built, in seconds since the epoch.</summary>
    public long TimeStart { get; set; }

    /// <summary>The template.</summary>
    public BlockTemplate? Template { get; set; }

    /// <summary>The transaction source's update counter when the template was built (Core's nTransactionsUpdatedLast).</summary>
    public long TransactionsUpdatedLast { get; set; }
}
