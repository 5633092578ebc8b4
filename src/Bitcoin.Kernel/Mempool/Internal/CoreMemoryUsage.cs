using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// Memory figures as Core computes them on 64-bit Linux (memusage.h and core_memusage.h), so that -maxmempool,
/// getmempoolinfo's "usage" and eviction behave as Core's node with the same transactions. The managed objects use
/// more memory than this; the figure is the policy's accounting, not a measurement.
/// </summary>
internal static class CoreMemoryUsage
{
    private const int TxInSize = 104;
    private const int TxOutSize = 40;
    private const int TransactionSize = 128;
    private const int SharedCounterSize = 16;
    private const int ScriptInlineBytes = 28;
    private const int VectorSize = 24;

    /// <summary>glibc's allocation size for a request of <paramref name="bytes"/> (Core's MallocUsage).</summary>
    public static long Malloc(long bytes) => bytes == 0 ? 0 : ((bytes + 31) >> 4) << 4;

    /// <summary>Core's RecursiveDynamicUsage of a shared transaction reference.</summary>
    public static long Transaction(Transaction tx)
    {
        long usage = Malloc(TransactionSize) + Malloc(SharedCounterSize);
        usage += Malloc((long)tx.Inputs.Count * TxInSize) + Malloc((long)tx.Outputs.Count * TxOutSize);
        foreach (var input in tx.Inputs)
        {
            usage += Script(input.ScriptSig.Length);
            var witness = input.WitScript;
            if (witness is { PushCount: > 0 })
            {
                usage += Malloc((long)witness.PushCount * VectorSize);
                foreach (var item in witness.Pushes) usage += Malloc(item.Length);
            }
        }
        foreach (var output in tx.Outputs) usage += Script(output.ScriptPubKey.Length);
        return usage;
    }

    /// <summary>What one mempool entry adds to the pool's bookkeeping besides the transaction (Core's mapTx node).</summary>
    public static long EntryOverhead => Malloc(144 + (9 * 8));

    /// <summary>One spent-outpoint index node (Core's mapNextTx).</summary>
    public static long SpendIndexNode => Malloc(48);

    /// <summary>One prioritisation map node (Core's mapDeltas).</summary>
    public static long DeltaNode => Malloc(72);

    /// <summary>The cluster graph's share per transaction (entry, chunk index, cluster data).</summary>
    public static long GraphPerTransaction => 160;

    /// <summary>The randomized wtxid vector's share per transaction.</summary>
    public static long RandomizedEntry => 40;

    // A script is stored inline up to 28 bytes, else in a heap block of its exact size.
    private static long Script(int length) => length > ScriptInlineBytes ? Malloc(length) : 0;
}
