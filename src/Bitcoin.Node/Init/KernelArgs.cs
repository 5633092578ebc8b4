using System.Globalization;
using Bitcoin.Common.Args;
using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Node.Init;

/// <summary>
/// The validation and storage options read from the arguments and checked with Core's messages (Core's
/// <c>ApplyArgsManOptions</c> for the ChainstateManager and the BlockManager, plus the start-up choices of init.cpp).
/// Read once before daemonizing so that bad values are reported on the console, and again when loading the chain.
/// </summary>
public sealed record KernelArgs
{
    /// <summary>Core's DEFAULT_CHECKBLOCKS.</summary>
    public const int DefaultCheckBlocks = 6;

    /// <summary>Core's DEFAULT_CHECKLEVEL.</summary>
    public const int DefaultCheckLevel = 3;

    /// <summary>Core's DEFAULT_DB_CACHE_BATCH: 32 MiB.</summary>
    public const long DefaultDbBatchSizeBytes = 32L * 1024 * 1024;

    /// <summary>Smallest automatic prune target in MiB (Core's MIN_DISK_SPACE_FOR_BLOCK_FILES).</summary>
    public const long MinPruneTargetMiB = 550;

    /// <summary><c>-assumevalid</c>: null for the chain's default; zero disables the assumption.</summary>
    public uint256? AssumeValid { get; init; }

    /// <summary><c>-minimumchainwork</c>: null for the chain's default.</summary>
    public ArithUInt256? MinimumChainWork { get; init; }

    /// <summary><c>-checkblockindex</c>: how often (1 in N) to check the block index's consistency; null for the chain's default.</summary>
    public int? CheckBlockIndex { get; init; }

    /// <summary><c>-maxtipage</c>: the tip age beyond which the node considers itself in initial block download; null for the default.</summary>
    public TimeSpan? MaxTipAge { get; init; }

    /// <summary><c>-par</c> as given (0: one thread per core; negative: leave that many cores free).</summary>
    public int Par { get; init; }

    /// <summary><c>-prune</c> target in bytes: 0 = off, <see cref="ulong.MaxValue"/> = manual (<c>-prune=1</c>).</summary>
    public ulong PruneTargetBytes { get; init; }

    /// <summary><c>-blocksxor</c>; null for the default (on).</summary>
    public bool? BlocksXor { get; init; }

    /// <summary><c>-fastprune</c>.</summary>
    public bool FastPrune { get; init; }

    /// <summary><c>-reindex</c>: wipe the block index and rebuild it from the block files.</summary>
    public bool Reindex { get; init; }

    /// <summary><c>-reindex-chainstate</c>: wipe the coins database and reconnect the blocks.</summary>
    public bool ReindexChainstate { get; init; }

    /// <summary><c>-txindex</c>.</summary>
    public bool TxIndex { get; init; }

    /// <summary><c>-blockfilterindex</c> (1, empty or "basic"; the values were checked at start-up): the BIP158 basic filter index.</summary>
    public bool BlockFilterIndex { get; init; }

    /// <summary><c>-checkblocks</c>: how many blocks to verify at start-up (0 = all).</summary>
    public int CheckBlocks { get; init; } = DefaultCheckBlocks;

    /// <summary><c>-checklevel</c>: how thoroughly (0-4).</summary>
    public int CheckLevel { get; init; } = DefaultCheckLevel;

    /// <summary>True if <c>-checkblocks</c> or <c>-checklevel</c> was given: verification must then not be cut short.</summary>
    public bool RequireFullVerification { get; init; }

    /// <summary><c>-dbbatchsize</c>: the largest coins database write batch in bytes (Core's default 32 MiB).</summary>
    public long DbBatchSizeBytes { get; init; } = DefaultDbBatchSizeBytes;

    /// <summary><c>-dbcrashratio</c>: simulate a crash while flushing with probability 1/N (0 = never; for tests).</summary>
    public int DbCrashRatio { get; init; }

    /// <summary>The <c>-dbcache</c> budget in bytes (<see cref="DbCache.Bytes"/>).</summary>
    public long DbCacheBytes { get; init; }

    /// <summary>Reads and checks the options; on error returns null with Core's message in <paramref name="error"/>.</summary>
    public static KernelArgs? Read(ArgsManager args, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        error = string.Empty;

        uint256? assumeValid = null;
        if (args.GetArg("-assumevalid") is { } assumeValidText)
        {
            assumeValid = ParseUserHex(assumeValidText);
            if (assumeValid is null)
            {
                error = $"Invalid assumevalid block hash specified ({assumeValidText}), must be up to 64 hex digits (or 0 to disable)";
                return null;
            }
        }

        ArithUInt256? minimumChainWork = null;
        if (args.GetArg("-minimumchainwork") is { } workText)
        {
            var work = ParseUserHex(workText);
            if (work is null)
            {
                error = $"Invalid minimum work specified ({workText}), must be up to 64 hex digits";
                return null;
            }

            minimumChainWork = ArithUInt256.FromUInt256(work);
        }

        int? checkBlockIndex = null;
        if (args.GetIntArg("-checkblockindex") is { } checkValue)
            checkBlockIndex = args.GetArg("-checkblockindex")!.Length == 0 ? 1 : (int)Math.Clamp(checkValue, 0, int.MaxValue); // a bare option means 1

        // Core takes any 64-bit count of seconds; beyond what a TimeSpan holds the effect is the same (never or
        // always too old), so the value is clamped instead of failing start-up.
        TimeSpan? maxTipAge = args.GetIntArg("-maxtipage") is { } age
            ? TimeSpan.FromSeconds(Math.Clamp(age, (long)TimeSpan.MinValue.TotalSeconds, (long)TimeSpan.MaxValue.TotalSeconds))
            : null;

        var par = (int)Math.Clamp(args.GetIntArg("-par", 0), -1024, 1024);

        var prune = args.GetIntArg("-prune", 0);
        if (prune < 0)
        {
            error = "Prune cannot be configured with a negative value.";
            return null;
        }

        ulong pruneTarget = 0;
        if (prune == 1)
        {
            pruneTarget = ulong.MaxValue;
        }
        else if (prune > 0)
        {
            if (prune < MinPruneTargetMiB)
            {
                error = $"Prune configured below the minimum of {MinPruneTargetMiB} MiB.  Please use a higher number.";
                return null;
            }

            pruneTarget = (ulong)prune * 1024 * 1024;
        }

        return new KernelArgs
        {
            AssumeValid = assumeValid,
            MinimumChainWork = minimumChainWork,
            CheckBlockIndex = checkBlockIndex,
            MaxTipAge = maxTipAge,
            Par = par,
            PruneTargetBytes = pruneTarget,
            BlocksXor = args.GetBoolArg("-blocksxor"),
            FastPrune = args.GetBoolArg("-fastprune", false),
            Reindex = args.GetBoolArg("-reindex", false),
            ReindexChainstate = args.GetBoolArg("-reindex-chainstate", false),
            TxIndex = args.GetBoolArg("-txindex", false),
            BlockFilterIndex = args.GetArg("-blockfilterindex", "0") != "0",
            CheckBlocks = (int)Math.Clamp(args.GetIntArg("-checkblocks", DefaultCheckBlocks), int.MinValue, int.MaxValue),
            CheckLevel = (int)Math.Clamp(args.GetIntArg("-checklevel", DefaultCheckLevel), int.MinValue, int.MaxValue),
            RequireFullVerification = args.IsArgSet("-checkblocks") || args.IsArgSet("-checklevel"),
            DbCacheBytes = DbCache.Bytes(args),
            DbBatchSizeBytes = Math.Max(args.GetIntArg("-dbbatchsize", DefaultDbBatchSizeBytes), 1),
            DbCrashRatio = (int)Math.Clamp(args.GetIntArg("-dbcrashratio", 0), 0, int.MaxValue),
        };
    }

    /// <summary>
    /// Parses a hash or number typed by a user (Core's <c>uint256::FromUserHex</c>): an optional "0x", then at most 64
    /// hex digits, zero-padded on the left. Null if malformed.
    /// </summary>
    public static uint256? ParseUserHex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith("0x", StringComparison.Ordinal) ? text[2..] : text;
        if (digits.Length > 64 || !digits.All(char.IsAsciiHexDigit))
            return null;
        return uint256.Parse(digits.PadLeft(64, '0').ToLower(CultureInfo.InvariantCulture));
    }
}
