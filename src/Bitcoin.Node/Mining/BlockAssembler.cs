using System.Diagnostics;
using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>
/// Builds a new block on the active tip without proof of work (Core's BlockAssembler): chooses chunks of the
/// transaction source by fee rate within the weight and sigop limits, then adds a coinbase paying subsidy plus fees to
/// <see cref="BlockCreateOptions.CoinbaseOutputScript"/> with the BIP34 height and the witness commitment, sets the
/// version, time and target, and checks the result with the kernel's TestBlockValidity. One instance builds one block.
/// </summary>
public sealed class BlockAssembler
{
    // Core gives up adding chunks to a nearly full block after this many consecutive misfits.
    private const int MaxConsecutiveFailures = 1000;
    private const long BlockFullEnoughWeightDelta = 4000;

    private readonly ChainstateManager _chainman;
    private readonly IBlockTransactionSource? _source;
    private readonly BlockCreateOptions _options;

    private long _blockWeight;
    private long _blockSigOpsCost;
    private long _fees;
    private int _height;
    private long _lockTimeCutoff;

    /// <summary>
    /// Prepares to build on the active chain of <paramref name="chainman"/>, taking transactions from
    /// <paramref name="source"/> (null or <see cref="BlockCreateOptions.UseTransactionSource"/> false: coinbase only).
    /// Unset node settings in <paramref name="options"/> take Core's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The options break a consensus limit (Core's message).</exception>
    public BlockAssembler(ChainstateManager chainman, IBlockTransactionSource? source, BlockCreateOptions options)
    {
        ArgumentNullException.ThrowIfNull(chainman);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Check(useArgNames: false) is { } error) throw new ArgumentException(error, nameof(options));
        _chainman = chainman;
        _source = options.UseTransactionSource ? source : null;
        _options = options.Flatten();
    }

    /// <summary>
    /// Builds the block. Takes the chainstate lock for the whole build so the tip cannot move underneath.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// There is no active chain, or the finished block failed TestBlockValidity ("TestBlockValidity failed: ...").
    /// </exception>
    public BlockTemplate CreateNewBlock()
    {
        long started = Stopwatch.GetTimestamp();
        var chainParams = _chainman.ChainParams;
        var consensus = chainParams.Consensus;
        var block = chainParams.Network.Consensus.ConsensusFactory.CreateBlock();
        var txFees = new List<long>();
        var txSigOps = new List<long>();
        var packageFeeRates = new List<(long, long)>();

        _blockWeight = (long)_options.BlockReservedWeight!.Value;
        _blockSigOpsCost = _options.CoinbaseOutputMaxAdditionalSigops;
        _fees = 0;

        lock (_chainman.Lock)
        {
            var previous = _chainman.ActiveChain.Tip ?? throw new InvalidOperationException("There is no active chain to build on.");
            _height = previous.Height + 1;

            int version = _chainman.Deployments.ComputeBlockVersion(previous);
            // Regtest only: -blockversion lets tests mine blocks of any version.
            if (chainParams.MineBlocksOnDemand && _options.BlockVersionOverride is { } forcedVersion) version = forcedVersion;
            block.Header.Version = version;

            long now = _chainman.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
            block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(now);
            _lockTimeCutoff = previous.GetMedianTimePast();

            // The coinbase goes first; it is made once the fees are known.
            block.Transactions.Add(chainParams.Network.CreateTransaction());
            if (_source is not null)
            {
                using var builder = _source.StartBlockBuilding();
                AddChunks(builder, block, txFees, txSigOps, packageFeeRates);
            }
            long chosenWeight = _blockWeight;
            long chosenSigOps = _blockSigOpsCost;

            var (coinbase, scriptSigPrefix) = CreateCoinbase(chainParams);
            block.Transactions[0] = coinbase;
            WitnessCommitment.GenerateCoinbaseCommitment(block, previous, consensus);
            coinbase = block.Transactions[0];

            uint256? witness = null;
            if (coinbase.HasWitness)
            {
                var stack = coinbase.Inputs[0].WitScript.Pushes.ToArray();
                if (stack.Length != 1 || stack[0].Length != 32)
                    throw new InvalidOperationException("The coinbase witness must be a single 32-byte element.");
                witness = new uint256(stack[0]);
            }
            var requiredOutputs = new List<TxOut>();
            int commitmentIndex = WitnessCommitment.GetWitnessCommitmentIndex(block);
            if (commitmentIndex != WitnessCommitment.NoWitnessCommitment) requiredOutputs.Add(coinbase.Outputs[commitmentIndex]);
            var coinbaseTemplate = new CoinbaseTemplate(coinbase.Version, coinbase.Inputs[0].Sequence.Value, scriptSigPrefix, witness,
                coinbase.Outputs[0].Value.Satoshi, requiredOutputs, coinbase.LockTime.Value);

            Log.Info(string.Create(CultureInfo.InvariantCulture,
                $"CreateNewBlock(): block weight: {BlockChecks.GetBlockWeight(block)} txs: {txFees.Count} fees: {_fees} sigops {chosenSigOps}"));

            block.Header.HashPrevBlock = previous.Hash;
            BlockTime.UpdateTime(block.Header, consensus, previous, now);
            block.Header.Bits = new Target(Pow.GetNextWorkRequired(previous, block.Header.BlockTime.ToUnixTimeSeconds(), consensus));
            block.Header.Nonce = 0;

            if (_options.TestBlockValidity)
            {
                var state = _chainman.TestBlockValidity(block, checkPow: false, checkMerkleRoot: false);
                if (!state.IsValid) throw new InvalidOperationException($"TestBlockValidity failed: {state}");
            }

            Log.Debug(LogCategory.Bench, $"CreateNewBlock() total {Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture)}ms");
            return new BlockTemplate(block, txFees, txSigOps, packageFeeRates, coinbaseTemplate, chosenWeight);
        }
    }

    private (Transaction Coinbase, byte[] ScriptSigPrefix) CreateCoinbase(ChainParams chainParams)
    {
        var coinbase = chainParams.Network.CreateTransaction();
        // Core's CMutableTransaction defaults to version 2 (NBitcoin's to 1).
        coinbase.Version = 2;
        long reward = _fees + Subsidy.GetBlockSubsidy(_height, chainParams.Consensus).Satoshi;

        // BIP34: the scriptSig starts with the height. Mining clients append their own data after this prefix.
        byte[] prefix = BlockChecks.CoinbaseHeightPrefix(_height);
        // Up to height 16 the height is a single opcode, but consensus wants at least two bytes (bad-cb-length).
        byte[] scriptSig = _height <= 16 ? [.. prefix, (byte)OpcodeType.OP_0] : prefix;
        coinbase.Inputs.Add(new TxIn(new OutPoint(), Script.FromBytesUnsafe(scriptSig))
        {
            // Not final, so that the lock time below is enforced.
            Sequence = new Sequence(Sequence.SEQUENCE_FINAL - 1),
        });
        coinbase.Outputs.Add(new TxOut(Money.Satoshis(reward), _options.CoinbaseOutputScript));
        coinbase.LockTime = new LockTime((uint)(_height - 1));
        return (coinbase, prefix);
    }

    private void AddChunks(IBlockBuilder builder, Block block, List<long> txFees, List<long> txSigOps, List<(long, long)> packageFeeRates)
    {
        long minFeePerKvB = _options.BlockMinFeeRatePerKvB!.Value;
        long maxWeight = (long)_options.BlockMaxWeight!.Value;
        int consecutiveFailed = 0;
        for (var chunk = builder.NextChunk(); chunk is not null; chunk = builder.NextChunk())
        {
            // Chunks come best first: once one pays less than the minimum, all the rest do too.
            if ((Int128)chunk.Fee * 1000 < (Int128)minFeePerKvB * chunk.VirtualSize) return;

            long chunkSigOps = chunk.Entries.Sum(e => e.SigOpCost);
            if (!FitsBlockLimits(chunk.Weight, chunkSigOps, maxWeight) || !AllFinal(chunk))
            {
                builder.SkipChunk();
                consecutiveFailed++;
                if (consecutiveFailed > MaxConsecutiveFailures && _blockWeight + BlockFullEnoughWeightDelta > maxWeight) return;
                continue;
            }

            builder.IncludeChunk();
            consecutiveFailed = 0;
            foreach (var entry in chunk.Entries) AddToBlock(entry, block, txFees, txSigOps);
            packageFeeRates.Add((chunk.Fee, chunk.VirtualSize));
        }
    }

    private bool FitsBlockLimits(long chunkWeight, long chunkSigOps, long maxWeight) =>
        _blockWeight + chunkWeight < maxWeight && _blockSigOpsCost + chunkSigOps < ConsensusConstants.MaxBlockSigOpsCost;

    // Only a bug elsewhere could offer a non-final transaction; checking keeps such a bug from making bad blocks.
    private bool AllFinal(BlockChunk chunk) => chunk.Entries.All(e => TxChecks.IsFinalTx(e.Transaction, _height, _lockTimeCutoff));

    private void AddToBlock(BlockChunkEntry entry, Block block, List<long> txFees, List<long> txSigOps)
    {
        block.Transactions.Add(entry.Transaction);
        txFees.Add(entry.Fee);
        txSigOps.Add(entry.SigOpCost);
        _blockWeight += entry.Weight;
        _blockSigOpsCost += entry.SigOpCost;
        _fees += entry.Fee;
        if (_options.PrintModifiedFee == true)
        {
            long virtualSize = Math.Max(1, (entry.Weight + 3) / 4);
            long perKvB = entry.ModifiedFee * 1000 / virtualSize;
            Log.Info(string.Create(CultureInfo.InvariantCulture,
                $"fee rate {perKvB / 100_000_000}.{Math.Abs(perKvB % 100_000_000):D8} BTC/kvB txid {entry.Transaction.GetHash()}"));
        }
    }
}
