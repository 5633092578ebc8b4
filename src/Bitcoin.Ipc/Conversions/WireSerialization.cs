using System.Buffers.Binary;
using NBitcoin;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// Bitcoin values as the schemas' <c>Data</c> fields carry them: Core's serialization, transactions and blocks with
/// witnesses, hashes as their 32 bytes in serialization order.
/// </summary>
internal static class WireSerialization
{
    // Core writes this version in front of a serialized CBlockLocator (its DUMMY_VERSION) and ignores it on reading.
    private const int LocatorVersion = 70016;

    public static byte[] FromHash(uint256 hash) => hash.ToBytes();

    public static uint256 ToHash(ReadOnlyMemory<byte> data, string what = "hash")
    {
        if (data.Length != 32) throw new IpcFormatException($"A {what} must be 32 bytes, got {data.Length}.");
        return new uint256(data.Span);
    }

    /// <summary>An optional hash: null travels as empty Data.</summary>
    public static byte[] FromOptionalHash(uint256? hash) => hash is null ? [] : hash.ToBytes();

    public static uint256? ToOptionalHash(ReadOnlyMemory<byte> data, string what = "hash") =>
        data.Length == 0 ? null : ToHash(data, what);

    public static byte[] FromTransaction(Transaction tx) => tx.ToBytes();

    public static Transaction ToTransaction(ReadOnlyMemory<byte> data)
    {
        if (data.Length == 0) throw new IpcFormatException("A transaction cannot be empty.");
        return Read(data, "transaction", static bytes => Transaction.Load(bytes, Network.Main));
    }

    /// <summary>An optional transaction (Core's null CTransactionRef): null travels as empty Data.</summary>
    public static byte[] FromOptionalTransaction(Transaction? tx) => tx is null ? [] : tx.ToBytes();

    public static Transaction? ToOptionalTransaction(ReadOnlyMemory<byte> data) => data.Length == 0 ? null : ToTransaction(data);

    public static byte[] FromBlock(Block block) => block.ToBytes();

    public static Block ToBlock(ReadOnlyMemory<byte> data) =>
        Read(data, "block", static bytes => Block.Load(bytes, Network.Main));

    public static byte[] FromOutPoint(OutPoint outPoint) => outPoint.ToBytes();

    public static OutPoint ToOutPoint(ReadOnlyMemory<byte> data)
    {
        if (data.Length != 36) throw new IpcFormatException($"An outpoint must be 36 bytes, got {data.Length}.");
        return new OutPoint(new uint256(data.Span[..32]), BinaryPrimitives.ReadUInt32LittleEndian(data.Span[32..]));
    }

    public static byte[] FromTxIn(TxIn txin) => txin.ToBytes();

    public static TxIn ToTxIn(ReadOnlyMemory<byte> data) => Read(data, "transaction input", static bytes =>
    {
        var txin = new TxIn();
        txin.ReadWrite(bytes, Network.Main);
        return txin;
    });

    public static byte[] FromTxOut(TxOut txout) => txout.ToBytes();

    public static TxOut ToTxOut(ReadOnlyMemory<byte> data) => Read(data, "transaction output", static bytes =>
    {
        var txout = new TxOut();
        txout.ReadWrite(bytes, Network.Main);
        return txout;
    });

    /// <summary>A CBlockLocator: a version Core ignores, then the hashes.</summary>
    public static byte[] FromLocator(BlockLocator locator)
    {
        var hashes = locator.Blocks;
        var output = new byte[4 + CompactSize.Length((ulong)hashes.Count) + 32 * hashes.Count];
        BinaryPrimitives.WriteInt32LittleEndian(output, LocatorVersion);
        var offset = 4 + CompactSize.Write(output.AsSpan(4), (ulong)hashes.Count);
        foreach (var hash in hashes)
        {
            hash.ToBytes().CopyTo(output, offset);
            offset += 32;
        }

        return output;
    }

    public static BlockLocator ToLocator(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length < 4) throw new IpcFormatException("A block locator is truncated.");
        var offset = 4;
        var count = CompactSize.Read(span, ref offset, "block locator");
        if ((ulong)(span.Length - offset) != count * 32) throw new IpcFormatException("A block locator's length does not match its hash count.");
        var locator = new BlockLocator();
        for (var i = 0; i < (int)count; i++)
            locator.Blocks.Add(new uint256(span.Slice(offset + 32 * i, 32)));
        return locator;
    }

    /// <summary>A CFeeRate: the fee (Int64 satoshis) over a size (Int32 vbytes), as Core master serializes it.</summary>
    public static byte[] FromFeeRate(FeeRate feeRate)
    {
        var output = new byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(output, feeRate.FeePerK.Satoshi);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(8), 1000);
        return output;
    }

    public static FeeRate ToFeeRate(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length != 12) throw new IpcFormatException($"A fee rate must be 12 bytes, got {span.Length}.");
        var fee = BinaryPrimitives.ReadInt64LittleEndian(span);
        var size = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        if (size < 0) throw new IpcFormatException("A fee rate's size cannot be negative.");
        return size == 0 ? new FeeRate(Money.Zero) : new FeeRate(Money.Satoshis(fee), size);
    }

    public static Script ToScript(ReadOnlyMemory<byte> data) => Script.FromBytesUnsafe(data.ToArray());

    public static KeyId ToKeyId(ReadOnlyMemory<byte> data)
    {
        if (data.Length != 20) throw new IpcFormatException($"A key id must be 20 bytes, got {data.Length}.");
        return new KeyId(data.ToArray());
    }

    public static PubKey ToPubKey(ReadOnlyMemory<byte> data) => Read(data, "public key", static bytes => new PubKey(bytes));

    private static T Read<T>(ReadOnlyMemory<byte> data, string what, Func<byte[], T> read)
    {
        try
        {
            return read(data.ToArray());
        }
        catch (Exception e) when (e is not IpcFormatException)
        {
            throw new IpcFormatException($"The {what} received does not deserialize: {e.Message}", e);
        }
    }
}
