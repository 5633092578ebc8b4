using System.Buffers.Binary;
using System.Security.Cryptography;
using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Tests.Validation.Support;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Storage;

// blk/rev files in Core's format: magic, little-endian length, payload (and for undo a checksum), XORed with xor.dat.
public class BlockFileFormatTests : IDisposable
{
    private static readonly byte[] RegtestMagic = [0xfa, 0xbf, 0xb5, 0xda];
    private readonly TempDirectory _dir = new();
    private readonly ChainParams _params = ChainParams.Create(ChainType.Regtest);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BlockRecordIsMagicLengthAndBlockBytes()
    {
        using var blockman = Open(useXor: false);
        var genesis = _params.GenesisBlock;
        var pos = blockman.WriteBlock(genesis, 0);
        Assert.Equal(new FlatFilePos(0, 8), pos);
        blockman.FlushBlockFile(0, finalize: true, finalizeUndo: false);

        // Hand-made record: fabfb5da, 285 (0x11d) little-endian, then the 285-byte genesis block.
        var file = File.ReadAllBytes(blockman.GetBlockFileName(0));
        byte[] expected = [.. RegtestMagic, 0x1d, 0x01, 0x00, 0x00, .. genesis.ToBytes()];
        Assert.Equal(285, genesis.ToBytes().Length);
        Assert.Equal(expected, file);
        Assert.Equal(new byte[8], File.ReadAllBytes(Path.Combine(_dir.Path, "blocks", "xor.dat")));
    }

    [Fact]
    public void BlockFilesAreXoredWithTheKeyInXorDat()
    {
        using var blockman = Open(useXor: true);
        var genesis = _params.GenesisBlock;
        blockman.WriteBlock(genesis, 0);
        blockman.FlushBlockFile(0, finalize: true, finalizeUndo: false);

        var key = File.ReadAllBytes(Path.Combine(_dir.Path, "blocks", "xor.dat"));
        Assert.Equal(8, key.Length);
        Assert.True(blockman.Obfuscation.IsActive);
        var file = File.ReadAllBytes(blockman.GetBlockFileName(0));
        for (int i = 0; i < file.Length; i++) file[i] ^= key[i % 8];
        Assert.Equal([.. RegtestMagic, 0x1d, 0x01, 0x00, 0x00, .. genesis.ToBytes()], file);
    }

    [Fact]
    public void ExistingXorKeyIsKeptAndCannotBeDisabled()
    {
        string key;
        using (var first = Open(useXor: true)) key = first.Obfuscation.HexKey;
        using (var second = Open(useXor: true)) Assert.Equal(key, second.Obfuscation.HexKey);
        var ex = Assert.Throws<InvalidOperationException>(() => Open(useXor: false));
        Assert.StartsWith("The blocksdir XOR-key can not be disabled when a random key was already stored!", ex.Message);
    }

    [Fact]
    public void BlocksWithWitnessesRoundTrip()
    {
        var builder = new TestChainBuilder(_params);
        var genesis = _params.GenesisBlock;
        var block = builder.BuildBlock(genesis.GetHash(), 1, (uint)genesis.Header.BlockTime.ToUnixTimeSeconds() + 1);
        Assert.True(block.Transactions[0].HasWitness);
        using var blockman = Open(useXor: true);
        blockman.WriteBlock(genesis, 0);
        var pos = blockman.WriteBlock(block, 1);
        var read = blockman.ReadBlock(pos, block.GetHash());
        Assert.NotNull(read);
        Assert.Equal(block.ToBytes(), read!.ToBytes());
        Assert.Equal(block.ToBytes(), blockman.ReadRawBlock(pos));
        // The wrong expected hash is refused.
        Assert.Null(blockman.ReadBlock(pos, uint256.One));
    }

    [Fact]
    public void CorruptMagicMakesTheBlockUnreadable()
    {
        using var blockman = Open(useXor: false);
        var pos = blockman.WriteBlock(_params.GenesisBlock, 0);
        using (var file = new FileStream(blockman.GetBlockFileName(0), FileMode.Open, FileAccess.Write)) file.WriteByte(0);
        Assert.Null(blockman.ReadBlock(pos, null));
    }

    [Fact]
    public void UndoRecordCarriesChecksumOfPreviousHashAndUndoData()
    {
        using var blockman = Open(useXor: false);
        var parent = new BlockIndex(_params.GenesisBlock.Header);
        var child = new BlockIndex(_params.GenesisBlock.Header) { Previous = parent, Height = 1, File = 0 };
        blockman.WriteBlock(_params.GenesisBlock, 0);
        var undo = new BlockUndo();
        undo.TxUndos.Add(new TxUndo([new Coin(new TxOut(Money.Coins(50), new Key().PubKey.WitHash.ScriptPubKey), 7, true)]));
        Assert.True(blockman.WriteBlockUndo(undo, new BlockValidationState(), child));
        Assert.True((child.Status & BlockStatus.HaveUndo) != 0);
        Assert.Equal(8u, child.UndoPos);
        blockman.FlushBlockFile(0, finalize: true, finalizeUndo: true);

        var payload = undo.ToBytes();
        var file = File.ReadAllBytes(blockman.GetUndoFileName(0));
        Assert.Equal(8 + payload.Length + 32, file.Length);
        Assert.Equal(RegtestMagic, file[..4]);
        Assert.Equal((uint)payload.Length, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal(payload, file[8..(8 + payload.Length)]);
        var checksum = SHA256.HashData(SHA256.HashData([.. parent.Hash.ToBytes(), .. payload]));
        Assert.Equal(checksum, file[(8 + payload.Length)..]);

        var read = blockman.ReadBlockUndo(child)!;
        Assert.Equal(undo.ToBytes(), read.ToBytes());

        // Any flipped byte breaks the checksum.
        file[10] ^= 0x01;
        File.WriteAllBytes(blockman.GetUndoFileName(0), file);
        Assert.Null(blockman.ReadBlockUndo(child));
    }

    [Fact]
    public void FastPruneStartsANewFileBeforeSixtyFourKiB()
    {
        using var blockman = Open(useXor: false, fastPrune: true);
        var builder = new TestChainBuilder(_params);
        var prev = _params.GenesisBlock.GetHash();
        blockman.WriteBlock(_params.GenesisBlock, 0);
        var key = new Key();
        var bigOutputs = Enumerable.Range(0, 200).Select(_ => new TxOut(Money.Satoshis(1), key.PubKey.WitHash.ScriptPubKey)).ToList();
        FlatFilePos last = default;
        for (int h = 1; h <= 12; h++)
        {
            var block = builder.BuildBlock(prev, h, 1296688602u + (uint)h, tamper: b => b.Transactions[0].Outputs.AddRange(bigOutputs));
            last = blockman.WriteBlock(block, h);
            prev = block.GetHash();
        }
        Assert.True(last.File >= 1);
        Assert.True(blockman.GetBlockFileInfo(0)!.Size < 0x10000);
    }

    [Fact]
    public void BlockIndexRecordsRoundTripThroughTheDatabase()
    {
        var record = new DiskBlockIndex
        {
            Height = 1234, Status = BlockStatus.ValidScripts | BlockStatus.HaveData | BlockStatus.HaveUndo | BlockStatus.OptWitness,
            TxCount = 7, File = 3, DataPos = 1000, UndoPos = 200, Version = 0x20000000, PrevHash = uint256.One,
            MerkleRoot = uint256.Parse("00000000000000000000000000000000000000000000000000000000000000ff"), Time = 1700000000, Bits = 0x207fffff, Nonce = 42,
        };
        var info = new BlockFileInfo { Blocks = 2, Size = 500, UndoSize = 80, HeightFirst = 1, HeightLast = 2, TimeFirst = 1296688602, TimeLast = 1296688603 };
        using (var db = new BlockTreeDb(_dir.Sub("index"), 1 << 20, wipe: false))
        {
            db.WriteBatchSync([new(3, info)], 3, [record]);
            db.WriteFlag("txindex", true);
            db.WriteReindexing(true);
        }
        using (var db = new BlockTreeDb(_dir.Sub("index"), 1 << 20, wipe: false))
        {
            var (hash, read) = Assert.Single(db.ReadAllBlockIndexRecords());
            Assert.Equal(record, read);
            Assert.Equal(record.ComputeBlockHash(), hash);
            Assert.Equal(3, db.ReadLastBlockFile());
            Assert.Equal(info.ToString(), db.ReadBlockFileInfo(3)!.ToString());
            Assert.True(db.ReadFlag("txindex"));
            Assert.True(db.ReadReindexing());
        }
    }

    [Fact]
    public void BlockFileInfoPrintsAsCore()
    {
        var info = new BlockFileInfo { Blocks = 1, Size = 293, HeightFirst = 0, HeightLast = 0, TimeFirst = 1296688602, TimeLast = 1296688602 };
        Assert.Equal("CBlockFileInfo(blocks=1, size=293, heights=0...0, time=2011-02-02...2011-02-02)", info.ToString());
    }

    private BlockManager Open(bool useXor, bool fastPrune = false) => new(new BlockManagerOptions
    {
        ChainParams = _params,
        BlocksDir = _dir.Sub("blocks"),
        BlockTreeDbPath = _dir.Sub("blocks", "index"),
        UseXor = useXor,
        FastPrune = fastPrune,
    });
}
