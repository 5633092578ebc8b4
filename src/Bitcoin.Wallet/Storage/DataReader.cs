using System.Buffers.Binary;
using System.Text;
using NBitcoin;

namespace Bitcoin.Wallet.Storage;

/// <summary>
/// Reads values in Bitcoin Core's serialization from a record key or value. Reading past the end throws
/// <see cref="WalletDataException"/> ("end of data"), as Core's stream throws std::ios_base::failure.
/// </summary>
internal sealed class DataReader
{
    // Core refuses CompactSize lengths above MAX_SIZE when reading (serialize.h).
    private const ulong MaxSize = 0x02000000;
    private readonly byte[] _data;
    private int _position;

    public DataReader(byte[] data) => _data = data ?? throw new ArgumentNullException(nameof(data));

    /// <summary>True when everything was read.</summary>
    public bool IsEmpty => _position >= _data.Length;

    /// <summary>Bytes left to read.</summary>
    public int Remaining => _data.Length - _position;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _data.Length - _position < count)
            throw new WalletDataException("end of data");
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() != 0;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Core's ReadCompactSize with its canonical-encoding and size checks.</summary>
    public ulong ReadCompactSize(bool rangeCheck = true)
    {
        byte first = ReadByte();
        ulong value;
        if (first < 253)
        {
            value = first;
        }
        else if (first == 253)
        {
            value = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            if (value < 253) throw new WalletDataException("non-canonical ReadCompactSize()");
        }
        else if (first == 254)
        {
            value = ReadUInt32();
            if (value < 0x10000) throw new WalletDataException("non-canonical ReadCompactSize()");
        }
        else
        {
            value = ReadUInt64();
            if (value < 0x100000000UL) throw new WalletDataException("non-canonical ReadCompactSize()");
        }
        if (rangeCheck && value > MaxSize) throw new WalletDataException("ReadCompactSize(): size too large");
        return value;
    }

    public byte[] ReadRaw(int count) => Take(count).ToArray();

    public byte[] ReadBytes() => Take((int)ReadCompactSize()).ToArray();

    public string ReadString() => Encoding.UTF8.GetString(Take((int)ReadCompactSize()));

    public uint256 ReadUInt256() => new(Take(32));

    /// <summary>A transaction with witnesses, as serialized by <see cref="DataWriter.WriteTransaction"/>.</summary>
    public Transaction ReadTransaction()
    {
        // NBitcoin reads from a stream; give it the rest and advance by what it consumed.
        using var stream = new MemoryStream(_data, _position, _data.Length - _position, writable: false);
        var bitcoinStream = new BitcoinStream(stream, false) { TransactionOptions = TransactionOptions.All };
        var tx = Transaction.Create(Network.Main);
        try
        {
            tx.ReadWrite(bitcoinStream);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new WalletDataException("transaction: " + e.Message);
        }
        _position += (int)stream.Position;
        return tx;
    }
}
