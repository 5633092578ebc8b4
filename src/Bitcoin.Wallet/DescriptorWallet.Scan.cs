using System.Diagnostics;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    private int _scanning;
    private volatile bool _abortRescan;
    private long _scanStartTicks;
    private double _scanningProgress;

    private volatile bool _scanningWithPassphrase;

    /// <summary>How often a rescan asks the node whether it is shutting down.</summary>
    private static readonly TimeSpan ShutdownCheckInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>True while a rescan started by a call that may need the passphrase runs (rescanblockchain, importdescriptors).</summary>
    public bool IsScanningWithPassphrase => IsScanning && _scanningWithPassphrase;

    /// <summary>True while a rescan runs.</summary>
    public bool IsScanning => Volatile.Read(ref _scanning) != 0;

    /// <summary>How long the running rescan has taken so far.</summary>
    public TimeSpan ScanningDuration => IsScanning ? Stopwatch.GetElapsedTime(Interlocked.Read(ref _scanStartTicks)) : TimeSpan.Zero;

    /// <summary>The running rescan's progress (0..1).</summary>
    public double ScanningProgress => Volatile.Read(ref _scanningProgress);

    /// <summary>Asks a running rescan to stop (abortrescan).</summary>
    public void AbortRescan() => _abortRescan = true;

    /// <summary>True if an abort was asked for and not yet consumed.</summary>
    public bool IsAbortingRescan => _abortRescan;

    /// <summary>
    /// Reserves the wallet for one rescan (Core's WalletRescanReserver); null if a rescan already runs. Dispose the
    /// reservation when done.
    /// </summary>
    public IDisposable? ReserveRescan(bool withPassphrase = false)
    {
        if (Interlocked.CompareExchange(ref _scanning, 1, 0) != 0) return null;
        _scanningWithPassphrase = withPassphrase;
        Interlocked.Exchange(ref _scanStartTicks, Stopwatch.GetTimestamp());
        _abortRescan = false;
        return new RescanReservation(this);
    }

    private sealed class RescanReservation(DescriptorWallet wallet) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            wallet._abortRescan = false;
            wallet._scanningWithPassphrase = false;
            Volatile.Write(ref wallet._scanning, 0);
        }
    }

    /// <summary>
    /// Scans the active chain from the first block at or after <paramref name="startTime"/> minus the timestamp window
    /// (Core's RescanFromTime); returns the earliest time fully scanned (later than asked if blocks could not be read).
    /// The caller holds a reservation.
    /// </summary>
    public long RescanFromTime(long startTime)
    {
        var chain = RequireChain();
        bool start = chain.FindFirstBlockWithTimeAndHeight(startTime - TimestampWindow, 0, new FoundBlockRequest { WantHash = true, WantHeight = true }, out var found);
        LogPrint($"RescanFromTime: Rescanning last {(start ? LastBlockHeight - found.Height + 1 : 0)} blocks");
        if (start)
        {
            var result = ScanForWalletTransactions(found.Hash!, found.Height, null, saveProgress: false);
            if (result.Status == ScanStatus.Failure)
            {
                chain.FindBlock(result.LastFailedBlock!, new FoundBlockRequest { WantMaxTime = true }, out var failed);
                return failed.MaxTime + TimestampWindow + 1;
            }
        }

        return startTime;
    }

    /// <summary>
    /// Scans blocks from <paramref name="startBlock"/> (at <paramref name="startHeight"/>) up to
    /// <paramref name="maxHeight"/> or the wallet's last processed block, adding transactions that involve the wallet
    /// (Core's ScanForWalletTransactions). Without a maximum height the mempool is scanned too. With
    /// <paramref name="saveProgress"/> the locator is written about every minute, so a crash resumes from there.
    /// Stops early on abortrescan or shutdown (<see cref="ScanStatus.UserAbort"/>) and reports blocks that could not be
    /// read (<see cref="ScanStatus.Failure"/>). The caller holds a reservation.
    /// </summary>
    public ScanResult ScanForWalletTransactions(uint256 startBlock, int startHeight, int? maxHeight, bool saveProgress)
    {
        var chain = RequireChain();
        var interval = TimeSpan.FromSeconds(60);
        var startedAt = Stopwatch.GetTimestamp();
        var lastProgressLog = startedAt;
        var result = new ScanResult();
        var blockHash = startBlock;
        // With the node's block filter index, blocks whose filter matches none of the wallet's scripts are not read.
        var fastFilter = chain.HasBlockFilterIndex(BlockFilterType.Basic) ? new Internal.FastRescanFilter(this, chain) : null;
        LogPrint($"Rescan started from block {startBlock}... ({(fastFilter is null ? "slow variant inspecting all blocks" : "fast variant using block filters")})");
        var title = $"[{DisplayName}] Rescanning…";
        RaiseShowProgress(title, 0);

        var tipHash = LastBlockHash;
        var endHash = tipHash;
        if (maxHeight is { } max && chain.FindAncestorByHeight(tipHash, max, new FoundBlockRequest { WantHash = true }, out var end))
            endHash = end.Hash!;
        double progressBegin = chain.GuessVerificationProgress(blockHash);
        double progressEnd = chain.GuessVerificationProgress(endHash);
        double progressCurrent = progressBegin;
        int blockHeight = startHeight;
        // Each question to the chain is a round trip when the wallet runs in its own process, so the loop asks one per
        // block (the block, its place in the active chain and the next block together) and asks for progress and
        // shutdown only now and then, where Core asks all four every block.
        long lastShutdownCheck = 0;
        bool ShutdownRequested()
        {
            if (lastShutdownCheck != 0 && Stopwatch.GetElapsedTime(lastShutdownCheck) < ShutdownCheckInterval) return false;
            lastShutdownCheck = Stopwatch.GetTimestamp();
            return chain.ShutdownRequested();
        }

        while (!_abortRescan && !ShutdownRequested())
        {
            bool nextInterval = Stopwatch.GetElapsedTime(lastProgressLog) >= interval;
            if (blockHeight % 100 == 0 || nextInterval)
            {
                if (blockHeight != startHeight) progressCurrent = chain.GuessVerificationProgress(blockHash);
                Volatile.Write(ref _scanningProgress, progressEnd - progressBegin > 0 ? (progressCurrent - progressBegin) / (progressEnd - progressBegin) : 0);
            }
            if (blockHeight % 100 == 0 && progressEnd - progressBegin > 0)
                RaiseShowProgress(title, Math.Max(1, Math.Min(99, (int)(ScanningProgress * 100))));

            if (nextInterval)
            {
                lastProgressLog = Stopwatch.GetTimestamp();
                LogPrint($"Still rescanning. At block {blockHeight}. Progress={progressCurrent:F6}");
            }

            bool fetchBlock = true;
            if (fastFilter is not null)
            {
                fastFilter.UpdateIfNeeded();
                switch (fastFilter.MatchesBlock(blockHash))
                {
                    case true:
                        Log.Debug(LogCategory.Scan, $"Fast rescan: inspect block {blockHeight} [{blockHash}] (filter matched)");
                        break;
                    case false:
                        result.LastScannedBlock = blockHash;
                        result.LastScannedHeight = blockHeight;
                        fetchBlock = false;
                        break;
                    default:
                        Log.Debug(LogCategory.Scan, $"Fast rescan: inspect block {blockHeight} [{blockHash}] (WARNING: block filter not found!)");
                        break;
                }
            }

            // One call answers the block's data, whether it is still in the active chain and the next block (Core asks
            // twice); a block that left the active chain is still caught by the active check below.
            chain.FindBlock(blockHash, new FoundBlockRequest
            {
                WantData = fetchBlock,
                WantLocator = fetchBlock && saveProgress && nextInterval,
                WantInActiveChain = true,
                NextBlock = new FoundBlockRequest { WantInActiveChain = true, WantHash = true },
            }, out var read);
            bool stillActive = read.InActiveChain;
            bool haveNext = read.NextBlock is { InActiveChain: true };
            var nextHash = read.NextBlock?.Hash;

            if (fetchBlock)
            {
                if (read.Data is { } block)
                {
                    lock (_lock)
                    {
                        if (!stillActive)
                        {
                            // The block left the active chain: stop rather than record transactions from the wrong block.
                            result.LastFailedBlock = blockHash;
                            result.Status = ScanStatus.Failure;
                            break;
                        }

                        for (int i = 0; i < block.Transactions.Count; i++)
                            SyncTransaction(block.Transactions[i], new TxStateConfirmed(blockHash, blockHeight, i), rescanningOldBlock: true);
                        result.LastScannedBlock = blockHash;
                        result.LastScannedHeight = blockHeight;
                        if (read.Locator is { } locator && locator.Blocks.Count > 0)
                        {
                            LogPrint($"Saving scan progress {blockHeight}.");
                            new Storage.WalletBatch(Database).WriteBestBlock(locator);
                        }
                    }
                }
                else
                {
                    result.LastFailedBlock = blockHash;
                    result.Status = ScanStatus.Failure;
                }
            }

            if (maxHeight is { } limit && blockHeight >= limit) break;
            if (blockHeight >= LastBlockHeight) break;
            if (!haveNext || nextHash is null) break;
            blockHash = nextHash;
            blockHeight++;
            var previousTip = tipHash;
            tipHash = LastBlockHash;
            if (maxHeight is null && previousTip != tipHash)
                progressEnd = chain.GuessVerificationProgress(tipHash);
        }

        if (maxHeight is null)
        {
            LogPrint("Scanning current mempool transactions.");
            chain.RequestMempoolTransactions(this);
        }

        RaiseShowProgress(title, 100);
        progressCurrent = chain.GuessVerificationProgress(blockHash);
        if (_abortRescan)
        {
            LogPrint($"Rescan aborted at block {blockHeight}. Progress={progressCurrent:F6}");
            result.Status = ScanStatus.UserAbort;
        }
        else if (chain.ShutdownRequested())
        {
            LogPrint($"Rescan interrupted by shutdown request at block {blockHeight}. Progress={progressCurrent:F6}");
            result.Status = ScanStatus.UserAbort;
        }
        else
        {
            LogPrint($"Rescan completed in {(long)Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds,15}ms");
        }

        return result;
    }
}
