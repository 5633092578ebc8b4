using System.Buffers.Binary;

namespace Bitcoin.Wallet.Storage;

/// <summary>
/// The records of a legacy (Berkeley DB) wallet file, read without Berkeley DB (Core's <c>BerkeleyRODatabase</c>,
/// wallet/migrate.cpp): the file's B-tree is walked page by page and the key/value pairs of its "main" subdatabase
/// kept in key order. Only files Core's reader accepts are read: BDB data file version 9, no BDB encryption, every
/// log sequence number reset (a cleanly closed file). Read-only; nothing is ever written.
/// </summary>
internal sealed class BerkeleyReadOnlyDatabase
{
    private const uint BtreeMagic = 0x00053162;
    private const uint BtreeMagicOtherEndian = 0x62310500;
    private const uint SubdatabasesFlag = 0x20;
    private const int PageHeaderSize = 26;

    // Page types (BDB's P_*): the only ones a wallet's B-tree holds.
    private const byte BtreeInternalPage = 3;
    private const byte BtreeLeafPage = 5;
    private const byte OverflowPage = 7;
    private const byte BtreeMetaPage = 9;

    // Record types (BDB's B_*), with the flag that marks a deleted record.
    private const byte KeyDataRecord = 1;
    private const byte OverflowRecord = 3;
    private const byte DeletedFlag = 0x80;

    private readonly byte[] _file;
    private readonly bool _otherEndian;

    private BerkeleyReadOnlyDatabase(byte[] file, bool otherEndian)
    {
        _file = file;
        _otherEndian = otherEndian;
    }

    /// <summary>Every record of the wallet, in key order (byte-wise, as Core's map of them).</summary>
    public SortedDictionary<byte[], byte[]> Records { get; } = new(ByteOrder.Instance);

    /// <summary>
    /// Reads the wallet file <paramref name="path"/>; throws <see cref="WalletDataException"/> with Core's message
    /// ("Not a BDB file", "LSNs are not reset, ...", ...) for a file it cannot read.
    /// </summary>
    public static BerkeleyReadOnlyDatabase Open(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WalletDataException("BerkeleyRODatabase: Failed to open database file");
        }

        Require(file.Length >= 512, "AutoFile::read: end of file");
        var otherEndian = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12)) == BtreeMagicOtherEndian;
        var database = new BerkeleyReadOnlyDatabase(file, otherEndian);
        database.Load();
        return database;
    }

    private void Load()
    {
        var outer = ReadMeta(0, 0);
        uint pageSize = outer.PageSize;
        Require(outer.LastPage == (uint)(_file.Length / pageSize - 1), "Last page number could not fit in file");
        Require(outer.EncryptAlgorithm == 0, "BDB builtin encryption is not supported");

        // Log sequence numbers of 0/1 everywhere mean the file was closed cleanly: no log file holds data it lacks.
        for (uint page = 0; page <= outer.LastPage; page++)
        {
            long at = (long)page * pageSize;
            Require(U32(at) == 0 && U32(at + 4) == 1,
                "LSNs are not reset, this database is not completely flushed. Please reopen then close the database with a version that has BDB support");
        }

        // The outer database's root is a leaf with one record pair: the subdatabase name "main" and its meta page.
        var root = ReadPageHeader(outer.Root, pageSize);
        Require(root.Type == BtreeLeafPage, "Unexpected outer database root page type");
        Require(root.Entries == 2, "Unexpected number of entries in outer database root page");
        var rootRecords = ReadLeafRecords(root);
        Require(rootRecords[0] is { Overflow: false } name && name.Data.AsSpan().SequenceEqual("main"u8), "Subdatabase has an unexpected name");
        Require(rootRecords[1] is { Overflow: false } pointer && pointer.Data.Length == 4, "Subdatabase page number has unexpected length");
        uint mainPage = BinaryPrimitives.ReadUInt32BigEndian(rootRecords[1].Data);
        Require(mainPage <= outer.LastPage, "Page number is greater than database last page");

        var inner = ReadMeta(mainPage, (long)mainPage * pageSize);
        Require(inner.PageSize == pageSize, "Unexpected page size");
        Require(inner.LastPage <= outer.LastPage, "Subdatabase last page is greater than database last page");
        Require(inner.EncryptAlgorithm == 0, "BDB builtin encryption is not supported");
        ulong maxDataSize = (ulong)outer.LastPage * pageSize;

        // Depth-first through the tree; each page must sit at the level its parent says, which rules out loops.
        var pending = new Stack<(uint Page, uint Level)>();
        pending.Push((inner.Root, ReadPageHeader(inner.Root, pageSize).Level));
        while (pending.Count > 0)
        {
            var (pageNumber, expectedLevel) = pending.Pop();
            var header = ReadPageHeader(pageNumber, pageSize);
            Require(header.Level == expectedLevel, "BTree page has an unexpected level");
            switch (header.Type)
            {
                case BtreeInternalPage:
                    foreach (var child in ReadInternalRecords(header))
                        pending.Push((child, header.Level - 1u));
                    break;
                case BtreeLeafPage:
                    Require(header.Level == 1, "BTree Leaf page is not at level 1");
                    AddLeafRecords(ReadLeafRecords(header), pageSize, maxDataSize);
                    break;
                default:
                    throw new WalletDataException("Unexpected page type");
            }
        }
    }

    private void AddLeafRecords(List<LeafRecord> records, uint pageSize, ulong maxDataSize)
    {
        // Keys and values alternate; a deleted record is skipped without changing which of the two comes next.
        Require(records.Count % 2 == 0, "Records page has odd number of records");
        bool isKey = true;
        byte[] key = [];
        foreach (var record in records)
        {
            if (record.Deleted)
                continue;
            var data = record.Overflow ? ReadOverflow(record, pageSize, maxDataSize) : record.Data;
            if (isKey)
                key = data;
            else
                Records.TryAdd(key, data);
            isKey = !isKey;
        }
    }

    private byte[] ReadOverflow(LeafRecord record, uint pageSize, ulong maxDataSize)
    {
        Require(record.OverflowLength <= maxDataSize, "Overflow record has an impossible length");
        var data = new List<byte>();
        uint next = record.OverflowPage;
        while (next != 0)
        {
            var header = ReadPageHeader(next, pageSize);
            Require(header.Type == OverflowPage, "Bad overflow record page type");
            data.AddRange(Bytes(header.Offset + PageHeaderSize, header.HighFreeOffset));
            Require((ulong)data.Count <= record.OverflowLength, "Overflow record data is larger than stated size");
            next = header.NextPage;
        }

        return [.. data];
    }

    private List<LeafRecord> ReadLeafRecords(PageHeader header)
    {
        var records = new List<LeafRecord>(header.Entries);
        foreach (var at in RecordOffsets(header, "Data record position not in page"))
        {
            var (length, type, deleted) = RecordHeader(at);
            records.Add(type switch
            {
                KeyDataRecord => new LeafRecord(deleted, false, Bytes(at + 3, length), 0, 0),
                OverflowRecord => new LeafRecord(deleted, true, [], U32(at + 4), U32(at + 8)),
                _ => throw new WalletDataException("Unknown record type in records page"),
            });
        }

        return records;
    }

    private List<uint> ReadInternalRecords(PageHeader header)
    {
        var children = new List<uint>(header.Entries);
        foreach (var at in RecordOffsets(header, "Internal record position not in page"))
        {
            var (_, type, deleted) = RecordHeader(at);
            Require(type == KeyDataRecord, "Unknown record type in internal page");
            // Header (3 bytes), a pad byte, then the child's page number.
            if (!deleted)
                children.Add(U32(at + 4));
        }

        return children;
    }

    // The file offsets of a page's records, from the index array after the page header.
    private IEnumerable<long> RecordOffsets(PageHeader header, string outOfPage)
    {
        for (int i = 0; i < header.Entries; i++)
        {
            uint index = U16(header.Offset + PageHeaderSize + 2L * i);
            // The records start after the index array as read so far (Core's check).
            Require(index >= PageHeaderSize + 2L * (i + 1), outOfPage);
            yield return header.Offset + index;
        }
    }

    private (int Length, byte Type, bool Deleted) RecordHeader(long at)
    {
        Require(at + 3 <= _file.Length, "AutoFile::read: end of file");
        byte type = _file[at + 2];
        return (U16(at), (byte)(type & ~DeletedFlag), (type & DeletedFlag) != 0);
    }

    private MetaPage ReadMeta(uint expectedPage, long at)
    {
        Require(at + 512 <= _file.Length, "AutoFile::read: end of file");
        var meta = new MetaPage(U32(at + 8), U32(at + 12), U32(at + 16), U32(at + 20), _file[at + 24], _file[at + 25], U32(at + 32), U32(at + 48), U32(at + 88));
        Require(meta.PageNumber == expectedPage, "Meta page number mismatch");
        Require(meta.Magic == BtreeMagic, "Not a BDB file");
        Require(meta.Version == 9, "Unsupported BDB data file version number");
        Require(meta.PageSize is >= 512 and <= 65536 && (meta.PageSize & (meta.PageSize - 1)) == 0, "Bad page size");
        Require(meta.Type == BtreeMetaPage, "Unexpected page type, should be 9 (BTree Metadata)");
        Require(meta.Flags == SubdatabasesFlag, "Unexpected database flags, should only be 0x20 (subdatabases)");
        return meta;
    }

    private PageHeader ReadPageHeader(uint page, uint pageSize)
    {
        long at = (long)page * pageSize;
        Require(at + PageHeaderSize <= _file.Length, "AutoFile::read: end of file");
        var header = new PageHeader(at, U32(at + 8), U32(at + 16), U16(at + 20), U16(at + 22), _file[at + 24], _file[at + 25]);
        Require(header.PageNumber == page, "Page number mismatch");
        Require(header.Type == OverflowPage ? header.Level == 0 : header.Level >= 1, "Bad btree level");
        return header;
    }

    private byte[] Bytes(long at, int length)
    {
        Require(at + length <= _file.Length, "AutoFile::read: end of file");
        return _file.AsSpan((int)at, length).ToArray();
    }

    // Fields are in the byte order of the machine that wrote the file, told by how the magic number reads.
    private uint U32(long at)
    {
        Require(at + 4 <= _file.Length, "AutoFile::read: end of file");
        var span = _file.AsSpan((int)at, 4);
        return _otherEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    private ushort U16(long at)
    {
        Require(at + 2 <= _file.Length, "AutoFile::read: end of file");
        var span = _file.AsSpan((int)at, 2);
        return _otherEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new WalletDataException(message);
    }

    private readonly record struct MetaPage(uint PageNumber, uint Magic, uint Version, uint PageSize, byte EncryptAlgorithm, byte Type, uint LastPage, uint Flags, uint Root);

    private readonly record struct PageHeader(long Offset, uint PageNumber, uint NextPage, ushort Entries, ushort HighFreeOffset, byte Level, byte Type);

    private readonly record struct LeafRecord(bool Deleted, bool Overflow, byte[] Data, uint OverflowPage, uint OverflowLength);

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
