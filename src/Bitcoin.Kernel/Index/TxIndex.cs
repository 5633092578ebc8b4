using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Index;

/// <summary>
/// The transaction index (-txindex) in <c>indexes/txindex</c>: txid → position of the transaction in the block
/// files, as Core's TxIndex. Entries use Core's 't' + txid → CDiskTxPos records. Life cycle and threading as
/// <see cref="BaseIndex"/>; <see cref="FindTx"/> may be called from any thread.
/// </summary>
public sealed class TxIndex : BaseIndex
{
    /// <summary>The index's name in logs and getindexinfo.</summary>
    public const string IndexName = "txindex";

    private const byte TxPrefix = (byte)'t';

    private TxIndex(ChainstateManager chainman, ValidationSignals? signals, Storage.Database.KeyValueDb db)
        : base(chainman, signals, db)
    {
    }

    /// <inheritdoc/>
    public override string Name => IndexName;

    /// <summary>
    /// Opens (or with <paramref name="wipe"/> recreates) the index at <c>&lt;datadir&gt;/indexes/txindex</c> and subscribes
    /// to <paramref name="signals"/> (Core's BaseIndex::Init).
    /// </summary>
    /// <exception cref="KernelInitException">The database cannot be opened or its best block is unknown.</exception>
    public static TxIndex Open(ChainstateManager chainman, ValidationSignals? signals, long cacheBytes, bool wipe = false)
    {
        var index = new TxIndex(chainman, signals, OpenDatabase(chainman, "txindex", cacheBytes, wipe));
        index.Init();
        return index;
    }

    /// <summary>
    /// Finds a transaction by id (Core's FindTx); null if it is not indexed or cannot be read. Call
    /// <see cref="BaseIndex.BlockUntilSyncedToCurrentChain"/> first to see the latest blocks.
    /// </summary>
    public TxIndexResult? FindTx(uint256 txid)
    {
        ArgumentNullException.ThrowIfNull(txid);
        var value = Db.Read(TxKey(txid));
        if (value is null) return null;
        DiskTxPos pos;
        try
        {
            var reader = new SpanReader(value);
            pos = DiskTxPos.ReadFrom(ref reader);
        }
        catch (SerializationException e)
        {
            Log.Error($"{Name}: unreadable entry for {txid}: {e.Message}");
            return null;
        }
        var raw = Chainman.Blockman.ReadRawBlock(pos.BlockPos);
        if (raw is null)
        {
            Log.Error("OpenBlockFile failed");
            return null;
        }
        try
        {
            var factory = Chainman.ChainParams.Network.Consensus.ConsensusFactory;
            var header = factory.CreateBlockHeader();
            header.ReadWrite(new BitcoinStream(raw.AsSpan(0, 80).ToArray()));
            var stream = new BitcoinStream(new MemoryStream(raw, 80 + (int)pos.TxOffset, raw.Length - 80 - (int)pos.TxOffset), false)
            {
                ConsensusFactory = factory,
                TransactionOptions = TransactionOptions.All,
            };
            var tx = factory.CreateTransaction();
            tx.ReadWrite(stream);
            if (tx.GetHash() != txid)
            {
                Log.Error("txid mismatch");
                return null;
            }
            return new TxIndexResult(tx, header.GetHash());
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or IOException)
        {
            Log.Error($"Deserialize or I/O error - {e.Message}");
            return null;
        }
    }

    private protected override bool CustomAppend(BlockIndex index, Block block)
    {
        // The genesis block's transaction is not spendable and is not indexed (as Core).
        if (index.Height == 0) return true;
        using var batch = Db.NewBatch();
        var value = new ByteWriter(16);
        var blockPos = new FlatFilePos(index.File, index.DataPos);
        uint offset = (uint)CompactSize.GetSize((ulong)block.Transactions.Count);
        foreach (var tx in block.Transactions)
        {
            value.Clear();
            new DiskTxPos(blockPos, offset).WriteTo(value);
            batch.Put(TxKey(tx.GetHash()), value.WrittenSpan);
            offset += (uint)tx.GetSerializedSize();
        }
        Db.WriteBatch(batch);
        return true;
    }

    private static byte[] TxKey(uint256 txid)
    {
        var key = new byte[33];
        key[0] = TxPrefix;
        txid.ToBytes(key.AsSpan(1), lendian: true);
        return key;
    }
}
