using System.Security.Cryptography;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Util;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// Low-work headers sync with one peer (Core's HeadersSyncState, "presync"): headers from a chain whose claimed work
/// is below our anti-DoS threshold are first only checked and sampled (1 bit every ~600 headers, at a secret
/// offset), not stored; once the chain's work reaches the threshold the headers are downloaded again, checked against
/// the samples, and released for storing in batches. Memory stays bounded whatever the peer sends.
/// </summary>
internal sealed class HeadersSyncState
{
    private const long MaxFutureBlockTime = 2 * 60 * 60;

    private readonly long _peerId;
    private readonly ConsensusParams _consensus;
    private readonly HeadersSyncParams _params;
    private readonly BlockIndex _chainStart;
    private readonly ArithUInt256 _minimumRequiredWork;
    private readonly int _commitOffset;
    private readonly ulong _hashK0;
    private readonly ulong _hashK1;
    private readonly long _maxCommitments;
    private readonly Queue<bool> _commitments = new();
    private readonly Queue<BlockHeader> _redownloaded = new();
    private ArithUInt256 _currentChainWork;
    private BlockHeader? _lastHeaderReceived;
    private long _currentHeight;
    private long _redownloadBufferLastHeight;
    private uint256 _redownloadBufferLastHash = uint256.Zero;
    private uint256 _redownloadBufferFirstPrevHash = uint256.Zero;
    private ArithUInt256 _redownloadChainWork;
    private bool _processAllRemaining;
    private uint _redownloadLastBits;

    public HeadersSyncState(long peerId, ConsensusParams consensus, HeadersSyncParams parameters, BlockIndex chainStart, ArithUInt256 minimumRequiredWork)
    {
        if (parameters.CommitmentPeriod <= 0)
            throw new ArgumentException("The headers sync commitment period must be set.", nameof(parameters));
        _peerId = peerId;
        _consensus = consensus;
        _params = parameters;
        _chainStart = chainStart;
        _minimumRequiredWork = minimumRequiredWork;
        _commitOffset = RandomNumberGenerator.GetInt32(parameters.CommitmentPeriod);
        var keys = RandomNumberGenerator.GetBytes(16);
        _hashK0 = BitConverter.ToUInt64(keys, 0);
        _hashK1 = BitConverter.ToUInt64(keys, 8);
        _currentChainWork = chainStart.ChainWork;
        _lastHeaderReceived = chainStart.GetBlockHeader();
        _currentHeight = chainStart.Height;
        // At most six blocks a second (the median-time-past rule) since the start could exist now.
        long maxSecondsSinceStart = NetTime.NowSeconds() - chainStart.GetMedianTimePast() + MaxFutureBlockTime;
        _maxCommitments = 6 * maxSecondsSinceStart / parameters.CommitmentPeriod;
        Log.Debug(LogCategory.Net, $"Initial headers sync started with peer={_peerId}: height={_currentHeight}, max_commitments={_maxCommitments}, min_work={_minimumRequiredWork}");
    }

    public HeadersSyncPhase Phase { get; private set; } = HeadersSyncPhase.Presync;

    /// <summary>Height reached in the presync phase.</summary>
    public long PresyncHeight => _currentHeight;

    /// <summary>Timestamp of the last presynced header.</summary>
    public long PresyncTime => _lastHeaderReceived is null ? 0 : _lastHeaderReceived.BlockTime.ToUnixTimeSeconds();

    /// <summary>Work verified so far in the presync phase.</summary>
    public ArithUInt256 PresyncWork => _currentChainWork;

    /// <summary>Processes the next batch; see <see cref="HeadersSyncResult"/>.</summary>
    public HeadersSyncResult ProcessNextHeaders(IReadOnlyList<BlockHeader> received, bool fullHeadersMessage)
    {
        var result = new HeadersSyncResult();
        if (received.Count == 0 || Phase == HeadersSyncPhase.Final)
            return result;
        if (Phase == HeadersSyncPhase.Presync)
        {
            result.Success = ValidateAndStoreCommitments(received);
            if (result.Success)
            {
                if (fullHeadersMessage || Phase == HeadersSyncPhase.Redownload)
                    result.RequestMore = true;
                else
                    Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: incomplete headers message at height={_currentHeight} (presync phase)");
            }
        }
        else if (Phase == HeadersSyncPhase.Redownload)
        {
            result.Success = true;
            foreach (var header in received)
            {
                if (!ValidateAndStoreRedownloaded(header))
                {
                    result.Success = false;
                    break;
                }
            }

            if (result.Success)
            {
                result.PowValidatedHeaders = PopHeadersReadyForAcceptance();
                if (_redownloaded.Count == 0 && _processAllRemaining)
                    Log.Debug(LogCategory.Net, $"Initial headers sync complete with peer={_peerId}: releasing all at height={_redownloadBufferLastHeight} (redownload phase)");
                else if (fullHeadersMessage)
                    result.RequestMore = true;
                else
                    Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: incomplete headers message at height={_redownloadBufferLastHeight} (redownload phase)");
            }
        }

        if (!(result.Success && result.RequestMore))
            Clear();
        return result;
    }

    /// <summary>The locator for the next getheaders: the last header received (or stored), then the start's locator.</summary>
    public List<uint256> NextHeadersRequestLocator()
    {
        if (Phase == HeadersSyncPhase.Final)
            return [];
        var locator = new List<uint256>
        {
            Phase == HeadersSyncPhase.Presync ? _lastHeaderReceived!.GetHash() : _redownloadBufferLastHash,
        };
        locator.AddRange(ActiveChain.LocatorEntries(_chainStart));
        return locator;
    }

    private void Clear()
    {
        _commitments.Clear();
        _lastHeaderReceived = null;
        _redownloaded.Clear();
        _redownloadBufferLastHash = uint256.Zero;
        _redownloadBufferFirstPrevHash = uint256.Zero;
        _processAllRemaining = false;
        _currentHeight = 0;
        Phase = HeadersSyncPhase.Final;
    }

    private bool ValidateAndStoreCommitments(IReadOnlyList<BlockHeader> headers)
    {
        if (headers[0].HashPrevBlock != _lastHeaderReceived!.GetHash())
        {
            Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: non-continuous headers at height={_currentHeight} (presync phase)");
            return false;
        }

        foreach (var header in headers)
        {
            if (!ValidateAndProcessSingleHeader(header))
                return false;
        }

        if (_currentChainWork.CompareTo(_minimumRequiredWork) >= 0)
        {
            _redownloaded.Clear();
            _redownloadBufferLastHeight = _chainStart.Height;
            _redownloadBufferFirstPrevHash = _chainStart.Hash;
            _redownloadBufferLastHash = _chainStart.Hash;
            _redownloadChainWork = _chainStart.ChainWork;
            Phase = HeadersSyncPhase.Redownload;
            Log.Debug(LogCategory.Net, $"Initial headers sync transition with peer={_peerId}: reached sufficient work at height={_currentHeight}, redownloading from height={_redownloadBufferLastHeight}");
        }

        return true;
    }

    private bool ValidateAndProcessSingleHeader(BlockHeader current)
    {
        long nextHeight = _currentHeight + 1;
        // An attacker compressing work into few blocks would need difficulty to rise faster than the rules allow.
        if (!Pow.PermittedDifficultyTransition(_consensus, nextHeight, _lastHeaderReceived!.Bits.ToCompact(), current.Bits.ToCompact()))
        {
            Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: invalid difficulty transition at height={nextHeight} (presync phase)");
            return false;
        }

        if (nextHeight % _params.CommitmentPeriod == _commitOffset)
        {
            _commitments.Enqueue((Commitment(current.GetHash()) & 1) != 0);
            if (_commitments.Count > _maxCommitments)
            {
                Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: exceeded max commitments at height={nextHeight} (presync phase)");
                return false;
            }
        }

        _currentChainWork += Pow.GetBlockProof(current);
        _lastHeaderReceived = current;
        _currentHeight = nextHeight;
        return true;
    }

    private bool ValidateAndStoreRedownloaded(BlockHeader header)
    {
        long nextHeight = _redownloadBufferLastHeight + 1;
        if (header.HashPrevBlock != _redownloadBufferLastHash)
        {
            Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: non-continuous headers at height={nextHeight} (redownload phase)");
            return false;
        }

        uint previousBits = _redownloaded.Count > 0 ? _redownloadLastBits : _chainStart.Bits;
        if (!Pow.PermittedDifficultyTransition(_consensus, nextHeight, previousBits, header.Bits.ToCompact()))
        {
            Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: invalid difficulty transition at height={nextHeight} (redownload phase)");
            return false;
        }

        _redownloadChainWork += Pow.GetBlockProof(header);
        if (_redownloadChainWork.CompareTo(_minimumRequiredWork) >= 0)
            _processAllRemaining = true;

        // Past the target work the peer may have extended its chain; commitments only cover the first download.
        if (!_processAllRemaining && nextHeight % _params.CommitmentPeriod == _commitOffset)
        {
            if (_commitments.Count == 0)
            {
                Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: commitment overrun at height={nextHeight} (redownload phase)");
                return false;
            }

            bool commitment = (Commitment(header.GetHash()) & 1) != 0;
            if (commitment != _commitments.Dequeue())
            {
                Log.Debug(LogCategory.Net, $"Initial headers sync aborted with peer={_peerId}: commitment mismatch at height={nextHeight} (redownload phase)");
                return false;
            }
        }

        _redownloaded.Enqueue(header);
        _redownloadLastBits = header.Bits.ToCompact();
        _redownloadBufferLastHeight = nextHeight;
        _redownloadBufferLastHash = header.GetHash();
        return true;
    }

    private List<BlockHeader> PopHeadersReadyForAcceptance()
    {
        var ready = new List<BlockHeader>();
        while (_redownloaded.Count > _params.RedownloadBufferSize || (_redownloaded.Count > 0 && _processAllRemaining))
        {
            var header = _redownloaded.Dequeue();
            ready.Add(header);
            _redownloadBufferFirstPrevHash = header.GetHash();
        }

        return ready;
    }

    private ulong Commitment(uint256 hash) => SipHasher.HashUInt256(_hashK0, _hashK1, hash);
}
