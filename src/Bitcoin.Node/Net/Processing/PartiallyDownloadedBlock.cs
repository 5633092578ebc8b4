using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// A block being rebuilt from a compact block (Core's PartiallyDownloadedBlock): prefilled transactions, matches
/// from our mempool and recently seen extra transactions by short id, and the rest asked for with getblocktxn.
/// </summary>
internal sealed class PartiallyDownloadedBlock(Func<IReadOnlyList<(uint256 Wtxid, Transaction Tx)>> mempoolSnapshot)
{
    // Core's MAX_BLOCK_WEIGHT / MIN_SERIALIZABLE_TRANSACTION_WEIGHT.
    private const int MaxTransactionsPerBlock = 4_000_000 / 40;

    private Transaction?[] _available = [];
    private int _prefilledCount;
    private int _mempoolCount;
    private int _extraCount;

    /// <summary>The header, or null once <see cref="FillBlock"/> ran.</summary>
    public BlockHeader? Header { get; private set; }

    /// <summary>Number of transactions in the block.</summary>
    public int TransactionCount => _available.Length;

    /// <summary>Starts rebuilding from <paramref name="compact"/> using the mempool and <paramref name="extra"/> transactions.</summary>
    public ReadStatus InitData(CompactBlock compact, IReadOnlyList<(uint256 Wtxid, Transaction Tx)> extra)
    {
        ArgumentNullException.ThrowIfNull(compact);
        if (compact.ShortIds.Count == 0 && compact.Prefilled.Count == 0)
            return ReadStatus.Invalid;
        if (compact.ShortIds.Count + compact.Prefilled.Count > MaxTransactionsPerBlock)
            return ReadStatus.Invalid;
        if (Header is not null || _available.Length != 0)
            return ReadStatus.Invalid;

        Header = compact.Header;
        _available = new Transaction?[compact.BlockTxCount];
        int lastIndex = -1;
        for (int i = 0; i < compact.Prefilled.Count; i++)
        {
            var prefilled = compact.Prefilled[i];
            lastIndex += prefilled.IndexDelta + 1;
            if (lastIndex > ushort.MaxValue)
                return ReadStatus.Invalid;
            // A prefilled index beyond the short ids plus the prefilled ones so far leaves a gap nothing can fill.
            if (lastIndex > compact.ShortIds.Count + i)
                return ReadStatus.Invalid;
            _available[lastIndex] = prefilled.Tx;
        }

        _prefilledCount = compact.Prefilled.Count;

        // Short id -> position, skipping the prefilled slots.
        var positions = new Dictionary<ulong, int>(compact.ShortIds.Count);
        int offset = 0;
        for (int i = 0; i < compact.ShortIds.Count; i++)
        {
            while (_available[i + offset] is not null)
                offset++;
            if (!positions.TryAdd(compact.ShortIds[i], i + offset))
                return ReadStatus.Failed; // short id collision within the block
        }

        var source = new Source[_available.Length];
        foreach (var (wtxid, tx) in mempoolSnapshot())
        {
            if (positions.TryGetValue(compact.GetShortId(wtxid), out int position))
            {
                if (source[position] == Source.None)
                {
                    _available[position] = tx;
                    source[position] = Source.Mempool;
                    _mempoolCount++;
                }
                else if (source[position] != Source.Collided)
                {
                    // Two mempool transactions match: ask for it rather than risk a failed rebuild.
                    _available[position] = null;
                    _mempoolCount--;
                    source[position] = Source.Collided;
                }
            }

            if (_mempoolCount == positions.Count)
                break;
        }

        foreach (var (wtxid, tx) in extra)
        {
            if (_mempoolCount == positions.Count)
                break;
            if (!positions.TryGetValue(compact.GetShortId(wtxid), out int position))
                continue;
            if (source[position] == Source.None)
            {
                _available[position] = tx;
                source[position] = Source.Extra;
                _mempoolCount++;
                _extraCount++;
            }
            else if (source[position] != Source.Collided && _available[position]!.GetWitHash() != wtxid)
            {
                _available[position] = null;
                _mempoolCount--;
                if (source[position] == Source.Extra)
                    _extraCount--;
                source[position] = Source.Collided;
            }
        }

        Log.Debug(LogCategory.CmpctBlock, $"Initialized PartiallyDownloadedBlock for block {compact.Header.GetHash()} using a cmpctblock of {compact.ShortIds.Count * 6 + 100} bytes");
        return ReadStatus.Ok;
    }

    /// <summary>True if the transaction at <paramref name="index"/> is known.</summary>
    public bool IsTransactionAvailable(int index) => Header is not null && _available[index] is not null;

    /// <summary>
    /// Completes the block with <paramref name="missing"/> (in index order). Invalid if they do not fit exactly;
    /// Failed if the result does not match the header (a short id collision). Can run only once.
    /// </summary>
    public ReadStatus FillBlock(IReadOnlyList<Transaction> missing, bool segwitActive, ConsensusFactory factory, out Block? block)
    {
        block = null;
        if (Header is null)
            return ReadStatus.Invalid;
        var result = factory.CreateBlock();
        result.Header = Header;
        int missingOffset = 0;
        for (int i = 0; i < _available.Length; i++)
        {
            if (_available[i] is { } tx)
            {
                result.Transactions.Add(tx);
            }
            else
            {
                if (missingOffset >= missing.Count)
                    return Finish(ReadStatus.Invalid);
                result.Transactions.Add(missing[missingOffset++]);
            }
        }

        if (missingOffset != missing.Count)
            return Finish(ReadStatus.Invalid);
        if (MutatedBlockCheck.IsMutated(result, segwitActive))
            return Finish(ReadStatus.Failed);

        Log.Debug(LogCategory.CmpctBlock, $"Successfully reconstructed block {result.GetHash()} with {_prefilledCount} txn prefilled, {_mempoolCount} txn from mempool (incl at least {_extraCount} from extra pool) and {missing.Count} txn requested");
        block = result;
        return Finish(ReadStatus.Ok);

        ReadStatus Finish(ReadStatus status)
        {
            // Whatever happened, this object cannot be filled again.
            Header = null;
            _available = [];
            return status;
        }
    }

    private enum Source : byte
    {
        None,
        Mempool,
        Extra,
        Collided,
    }
}
