using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol;

/// <summary>
/// Transactions, headers and blocks in their wire form, read and written with NBitcoin's serializers (which follow
/// Core's rules: BIP144 witness marker, "Superfluous witness record", "Unknown transaction optional data") from and to
/// the span-based readers the message codecs use.
/// </summary>
public static class WireSerialization
{
    /// <summary>Size of a serialized block header.</summary>
    public const int HeaderSize = 80;

    /// <summary>
    /// Reads one transaction (with witness when marked) at the reader's position and advances past it. Malformed
    /// data, including a non-canonical CompactSize, throws <see cref="SerializationException"/> with Core's message.
    /// </summary>
    public static unsafe Transaction ReadTransaction(ref SpanReader reader, ConsensusFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        // NBitcoin accepts non-canonical CompactSizes; Core refuses them, so walk the bytes with Core's rules first.
        var check = reader;
        WireFormatCheck.SkipTransaction(ref check);
        var remaining = reader.RemainingSpan;
        long consumed;
        var tx = factory.CreateTransaction();
        fixed (byte* data = remaining)
        {
            using var stream = new UnmanagedMemoryStream(data, remaining.Length);
            var bitcoinStream = new BitcoinStream(stream, false)
            {
                ConsensusFactory = factory,
                TransactionOptions = TransactionOptions.All,
            };
            try
            {
                tx.ReadWrite(bitcoinStream);
            }
            catch (Exception e) when (IsDecodeError(e))
            {
                throw new SerializationException(e.Message, e);
            }

            consumed = stream.Position;
        }

        reader.Skip((int)consumed);
        tx.PrecomputeHash(invalidateExisting: false, lazily: true);
        return tx;
    }

    /// <summary>Writes a transaction, with its witness data when <paramref name="witness"/> and it has any.</summary>
    public static void WriteTransaction(ByteWriter writer, Transaction tx, bool witness)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(SerializeTransaction(tx, witness));
    }

    /// <summary>A transaction's bytes, with witness data when <paramref name="witness"/> and it has any.</summary>
    public static byte[] SerializeTransaction(Transaction tx, bool witness)
    {
        ArgumentNullException.ThrowIfNull(tx);
        using var stream = new MemoryStream();
        var bitcoinStream = new BitcoinStream(stream, true)
        {
            TransactionOptions = witness ? TransactionOptions.All : TransactionOptions.None,
        };
        tx.ReadWrite(bitcoinStream);
        return stream.ToArray();
    }

    /// <summary>Reads an 80-byte block header.</summary>
    public static BlockHeader ReadHeader(ref SpanReader reader, ConsensusFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var bytes = reader.ReadBytes(HeaderSize).ToArray();
        var header = factory.CreateBlockHeader();
        header.ReadWrite(new BitcoinStream(bytes));
        header.PrecomputeHash(invalidateExisting: false, lazily: true);
        return header;
    }

    /// <summary>Writes an 80-byte block header.</summary>
    public static void WriteHeader(ByteWriter writer, BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        writer.WriteBytes(header.ToBytes());
    }

    /// <summary>
    /// Reads a block message's payload (header, transactions with witness). Malformed data, including a
    /// non-canonical CompactSize, throws <see cref="SerializationException"/> with Core's message. Hashes are cached: the block must not be modified afterwards.
    /// </summary>
    public static Block ReadBlock(byte[] payload, ConsensusFactory factory)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(factory);
        // NBitcoin accepts non-canonical CompactSizes (feature_block.py's bloated transaction count); Core refuses them.
        var check = new SpanReader(payload);
        WireFormatCheck.SkipBlock(ref check);
        var block = factory.CreateBlock();
        try
        {
            var stream = new BitcoinStream(new MemoryStream(payload, writable: false), false)
            {
                ConsensusFactory = factory,
                TransactionOptions = TransactionOptions.All,
            };
            block.ReadWrite(stream);
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw new SerializationException(e.Message, e);
        }

        block.Header.PrecomputeHash(invalidateExisting: false, lazily: true);
        foreach (var tx in block.Transactions)
            tx.PrecomputeHash(invalidateExisting: false, lazily: true);
        return block;
    }

    /// <summary>A block's bytes, with witness data when <paramref name="witness"/>.</summary>
    public static byte[] SerializeBlock(Block block, bool witness)
    {
        ArgumentNullException.ThrowIfNull(block);
        using var stream = new MemoryStream();
        var bitcoinStream = new BitcoinStream(stream, true)
        {
            TransactionOptions = witness ? TransactionOptions.All : TransactionOptions.None,
        };
        block.ReadWrite(bitcoinStream);
        return stream.ToArray();
    }

    /// <summary>The errors NBitcoin's deserializers throw for malformed data.</summary>
    public static bool IsDecodeError(Exception e) =>
        e is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException or OverflowException or IOException;
}
