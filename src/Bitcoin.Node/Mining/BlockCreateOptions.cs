using System.Globalization;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>
/// How a block template is built (Core's <c>node::BlockCreateOptions</c>). Null members mean "use the node's
/// setting" (<c>-blockmintxfee</c>, <c>-blockreservedweight</c>, <c>-blockmaxweight</c>, <c>-printpriority</c>):
/// <see cref="MergeWith"/> fills them from the node's options and <see cref="Flatten"/> from Core's defaults.
/// </summary>
public sealed record BlockCreateOptions
{
    /// <summary>Core's DEFAULT_BLOCK_MAX_WEIGHT: the consensus maximum.</summary>
    public const ulong DefaultBlockMaxWeight = ConsensusConstants.MaxBlockWeight;

    /// <summary>Core's DEFAULT_BLOCK_RESERVED_WEIGHT: room kept for the header, transaction count and coinbase.</summary>
    public const ulong DefaultBlockReservedWeight = 8000;

    /// <summary>Core's MINIMUM_BLOCK_RESERVED_WEIGHT: the smallest reservation that is safe.</summary>
    public const ulong MinimumBlockReservedWeight = 2000;

    /// <summary>Core's DEFAULT_BLOCK_MIN_TX_FEE: 1 satoshi per 1000 virtual bytes.</summary>
    public const long DefaultBlockMinTxFeePerKvB = 1;

    /// <summary>Core's DEFAULT_COINBASE_OUTPUT_MAX_ADDITIONAL_SIGOPS: sigops kept free for the coinbase outputs.</summary>
    public const int DefaultCoinbaseOutputMaxAdditionalSigops = 400;

    /// <summary>False leaves out every transaction of the transaction source (the block has only its coinbase).</summary>
    public bool UseTransactionSource { get; init; } = true;

    /// <summary>Lowest fee rate of a chunk worth including, in satoshis per 1000 virtual bytes; null for the node's setting.</summary>
    public long? BlockMinFeeRatePerKvB { get; init; }

    /// <summary>Log the fee rate of every included transaction (<c>-printpriority</c>); null for the node's setting.</summary>
    public bool? PrintModifiedFee { get; init; }

    /// <summary>Weight kept free for the header, transaction count and coinbase; null for the node's setting.</summary>
    public ulong? BlockReservedWeight { get; init; }

    /// <summary>Largest block weight; null for the node's setting.</summary>
    public ulong? BlockMaxWeight { get; init; }

    /// <summary>Signature operations kept free for outputs the miner adds to the coinbase.</summary>
    public int CoinbaseOutputMaxAdditionalSigops { get; init; } = DefaultCoinbaseOutputMaxAdditionalSigops;

    /// <summary>The script the coinbase pays to; by default an anyone-can-spend <c>OP_TRUE</c>, as Core's.</summary>
    public Script CoinbaseOutputScript { get; init; } = new(OpcodeType.OP_TRUE);

    /// <summary>Check the finished template with the kernel's TestBlockValidity (only tests turn this off).</summary>
    public bool TestBlockValidity { get; init; } = true;

    /// <summary>
    /// <c>-blockversion</c>: a block version to use instead of the computed one. Honoured only on chains that mine
    /// blocks on demand (regtest), as in Core.
    /// </summary>
    public int? BlockVersionOverride { get; init; }

    /// <summary>These options with every unset node setting taken from <paramref name="nodeOptions"/> (Core's MergeMiningOptions).</summary>
    public BlockCreateOptions MergeWith(BlockCreateOptions nodeOptions)
    {
        ArgumentNullException.ThrowIfNull(nodeOptions);
        return this with
        {
            BlockMinFeeRatePerKvB = BlockMinFeeRatePerKvB ?? nodeOptions.BlockMinFeeRatePerKvB,
            PrintModifiedFee = PrintModifiedFee ?? nodeOptions.PrintModifiedFee,
            BlockReservedWeight = BlockReservedWeight ?? nodeOptions.BlockReservedWeight,
            BlockMaxWeight = BlockMaxWeight ?? nodeOptions.BlockMaxWeight,
            BlockVersionOverride = BlockVersionOverride ?? nodeOptions.BlockVersionOverride,
        };
    }

    /// <summary>These options with every unset node setting at Core's default (Core's FlattenMiningOptions).</summary>
    public BlockCreateOptions Flatten() => this with
    {
        BlockMinFeeRatePerKvB = BlockMinFeeRatePerKvB ?? DefaultBlockMinTxFeePerKvB,
        PrintModifiedFee = PrintModifiedFee ?? false,
        BlockReservedWeight = BlockReservedWeight ?? DefaultBlockReservedWeight,
        BlockMaxWeight = BlockMaxWeight ?? DefaultBlockMaxWeight,
    };

    /// <summary>
    /// Checks the weights and sigops against consensus limits (Core's CheckMiningOptions): null when fine, else Core's
    /// message, naming the command-line options when <paramref name="useArgNames"/>.
    /// </summary>
    public string? Check(bool useArgNames)
    {
        var flat = Flatten();
        string reserved = useArgNames ? "-blockreservedweight" : "block_reserved_weight";
        string max = useArgNames ? "-blockmaxweight" : "block_max_weight";
        ulong reservedWeight = flat.BlockReservedWeight!.Value;
        ulong maxWeight = flat.BlockMaxWeight!.Value;
        if (reservedWeight < MinimumBlockReservedWeight)
            return Invariant($"{reserved} ({reservedWeight}) is lower than minimum safety value of ({MinimumBlockReservedWeight})");
        if (reservedWeight > ConsensusConstants.MaxBlockWeight)
            return Invariant($"{reserved} ({reservedWeight}) exceeds consensus maximum block weight ({ConsensusConstants.MaxBlockWeight})");
        if (maxWeight > ConsensusConstants.MaxBlockWeight)
            return Invariant($"{max} ({maxWeight}) exceeds consensus maximum block weight ({ConsensusConstants.MaxBlockWeight})");
        if (reservedWeight > maxWeight)
            return Invariant($"{reserved} ({reservedWeight}) exceeds {max} ({maxWeight})");
        if (flat.CoinbaseOutputMaxAdditionalSigops < 0 || flat.CoinbaseOutputMaxAdditionalSigops > ConsensusConstants.MaxBlockSigOpsCost)
        {
            return Invariant($"coinbase_output_max_additional_sigops ({flat.CoinbaseOutputMaxAdditionalSigops}) exceeds consensus maximum block sigops cost ({ConsensusConstants.MaxBlockSigOpsCost})");
        }
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
