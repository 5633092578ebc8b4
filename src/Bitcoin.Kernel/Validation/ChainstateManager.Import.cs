using System.Buffers.Binary;
using System.Diagnostics;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

// -reindex and -loadblock: reading blocks back from files (Core's ImportBlocks and LoadExternalBlockFile).
public sealed partial class ChainstateManager
{
    /// <summary>
    /// Runs the start-up import (Core's ImportBlocks, on the node's "initload" thread): with -reindex (or an
    /// unfinished earlier reindex) re-reads every blk file into the block index, handling blocks stored before their
    /// parents; then imports <paramref name="loadBlockFiles"/> (-loadblock); then activates the best chain, which
    /// also rebuilds the coins after -reindex/-reindex-chainstate. Call without the lock, after <see cref="Load"/>.
    /// Returns false if connecting the best chain failed (a fatal error was notified).
    /// </summary>
    public bool ImportBlocks(IEnumerable<string>? loadBlockFiles = null)
    {
        lock (Lock) Blockman.Importing = true;
        try
        {
            if (!Blockman.BlockFilesIndexed)
            {
                int totalFiles = 0;
                while (Blockman.BlockFileExists(totalFiles)) totalFiles++;
                var unknownParent = new Dictionary<uint256, List<FlatFilePos>>();
                for (int file = 0; file < totalFiles; file++)
                {
                    var content = ReadWholeBlockFile(file);
                    if (content is null) break;
                    Log.Info($"Reindexing block file blk{file:D5}.dat ({file * 100 / totalFiles}% complete)...");
                    LoadExternalBlockFile(content, file, unknownParent);
                    if (Options.Interrupt.IsCancellationRequested)
                    {
                        Log.Info("Interrupt requested. Exit reindexing.");
                        return true;
                    }
                }
                lock (Lock)
                {
                    Blockman.TreeDb.WriteReindexing(false);
                    Blockman.BlockFilesIndexed = true;
                }
                Log.Info("Reindexing finished");
                // If the blk files lacked a usable genesis block, store it now.
                LoadGenesisBlock();
            }

            foreach (var path in loadBlockFiles ?? [])
            {
                byte[] content;
                try
                {
                    content = File.ReadAllBytes(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Log.Warning($"Could not open blocks file {path}");
                    continue;
                }
                Log.Info($"Importing blocks file {path}...");
                LoadExternalBlockFile(content, null, null);
                if (Options.Interrupt.IsCancellationRequested)
                {
                    Log.Info("Interrupt requested. Exit block importing.");
                    return true;
                }
            }
        }
        finally
        {
            lock (Lock)
            {
                Blockman.Importing = false;
                UpdateIbdStatus();
            }
        }

        var state = new BlockValidationState();
        if (!ActiveChainstate.ActivateBestChain(state))
        {
            string message = $"Failed to connect best block ({state}).";
            Log.Error(message);
            Options.Notifications.FatalError(message);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Scans <paramref name="data"/> for stored blocks (network magic, length, block) and accepts every one whose
    /// parent is known, deferring the others until their parent shows up (Core's LoadExternalBlockFile). With
    /// <paramref name="file"/> the data is blk file number <paramref name="file"/> and block positions are recorded
    /// instead of writing the blocks again; without it the data is an external file and blocks are written.
    /// Garbage between records is skipped.
    /// </summary>
    internal int LoadExternalBlockFile(ReadOnlySpan<byte> data, int? file, Dictionary<uint256, List<FlatFilePos>>? unknownParent)
    {
        long start = Stopwatch.GetTimestamp();
        var magic = ChainParams.MessageStart.Span;
        var genesisHash = ChainParams.Consensus.HashGenesisBlock;
        int loaded = 0;
        int position = 0;
        while (position < data.Length)
        {
            if (Options.Interrupt.IsCancellationRequested) break;
            int found = data[position..].IndexOf(magic);
            if (found < 0 || position + found + 8 > data.Length) break;
            int headerStart = position + found;
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(headerStart + 4, 4));
            // Resume one byte further if this turns out not to be a block record.
            position = headerStart + 1;
            if (size < 80 || size > ConsensusConstants.MaxBlockSerializedSize) continue;
            int blockStart = headerStart + 8;
            if (blockStart + (long)size > data.Length) continue;

            var record = data.Slice(blockStart, (int)size);
            uint256 hash;
            BlockHeader header;
            try
            {
                header = ChainParams.Network.Consensus.ConsensusFactory.CreateBlockHeader();
                header.ReadWrite(new BitcoinStream(record[..80].ToArray()));
                hash = header.GetHash();
            }
            catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException)
            {
                continue;
            }
            var diskPos = file is int f ? new FlatFilePos(f, (uint)blockStart) : (FlatFilePos?)null;
            position = blockStart + (int)size;

            try
            {
                Block? block = null;
                lock (Lock)
                {
                    if (hash != genesisHash && Blockman.LookupBlockIndex(header.HashPrevBlock) is null)
                    {
                        Log.Debug(LogCategory.Reindex, $"LoadExternalBlockFile: Out of order block {hash}, parent {header.HashPrevBlock} not known");
                        if (diskPos is { } pos && unknownParent is not null)
                        {
                            if (!unknownParent.TryGetValue(header.HashPrevBlock, out var list)) unknownParent[header.HashPrevBlock] = list = [];
                            list.Add(pos);
                        }
                        continue;
                    }
                    var index = Blockman.LookupBlockIndex(hash);
                    if (index is null || (index.Status & BlockStatus.HaveData) == 0)
                    {
                        block = Block.Load(record.ToArray(), ChainParams.Network);
                        var state = new BlockValidationState();
                        if (AcceptBlock(block, state, out _, requested: true, diskPos, out _, minPowChecked: true)) loaded++;
                        if (state.IsError) break;
                    }
                    else if (hash != genesisHash && index.Height % 1000 == 0)
                    {
                        Log.Debug(LogCategory.Reindex, $"Block Import: already had block {hash} at height {index.Height}");
                    }
                }

                // Connect the genesis block so normal operation can continue (only before anything is connected).
                if (hash == genesisHash && ActiveHeight == -1)
                {
                    if (!ActiveChainstate.ActivateBestChain(new BlockValidationState())) break;
                }
                bool pruneWhileImporting;
                lock (Lock) pruneWhileImporting = Blockman.IsPruneMode && Blockman.BlockFilesIndexed && block is not null;
                if (pruneWhileImporting)
                {
                    // Connect as we go (-loadblock in prune mode): only blocks that were connected can be pruned, and
                    // otherwise the whole file would be stored before the first prune. Costs time, saves disk space.
                    var activateState = new BlockValidationState();
                    if (!ActiveChainstate.ActivateBestChain(activateState))
                        Log.Debug(LogCategory.Reindex, $"Failed to connect best block ({activateState})");
                }
                NotifyHeaderTip();
                if (unknownParent is null) continue;

                // Accept the descendants that were waiting for this block, recursively.
                var queue = new Queue<uint256>();
                queue.Enqueue(hash);
                while (queue.Count > 0)
                {
                    var head = queue.Dequeue();
                    if (!unknownParent.Remove(head, out var children)) continue;
                    foreach (var childPos in children)
                    {
                        var child = Blockman.ReadBlock(childPos, null);
                        if (child is null) continue;
                        var childHash = child.GetHash();
                        Log.Debug(LogCategory.Reindex, $"LoadExternalBlockFile: Processing out of order child {childHash} of {head}");
                        lock (Lock)
                        {
                            if (AcceptBlock(child, new BlockValidationState(), out _, requested: true, childPos, out _, minPowChecked: true))
                            {
                                loaded++;
                                queue.Enqueue(childHash);
                            }
                        }
                        NotifyHeaderTip();
                    }
                }
            }
            catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException)
            {
                // Old versions sometimes left data that does not decode between blocks; skip it and keep scanning.
                Log.Debug(LogCategory.Reindex, $"LoadExternalBlockFile: unexpected data at file offset 0x{headerStart:x} - {e.Message}. continuing");
                position = headerStart + 1;
            }
        }
        Log.Info($"Loaded {loaded} blocks from external file in {(long)Stopwatch.GetElapsedTime(start).TotalMilliseconds}ms");
        return loaded;
    }

    private byte[]? ReadWholeBlockFile(int file)
    {
        string path = Blockman.GetBlockFileName(file);
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return null;
        }
        var content = new byte[length];
        int read = Blockman.ReadBlockFileBytes(file, 0, content);
        if (read < 0)
        {
            Log.Error($"Unable to open file {path}");
            return null;
        }
        return read == content.Length ? content : content[..read];
    }
}
