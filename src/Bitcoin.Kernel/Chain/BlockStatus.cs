namespace Bitcoin.Kernel.Chain;

/// <summary>
/// Validation and storage status of a block index entry, with Core's bit values (chain.h BlockStatus) because they are
/// written to the block index database. The low three bits are a validity level, the rest are flags.
/// </summary>
[Flags]
public enum BlockStatus : uint
{
    /// <summary>Unused.</summary>
    ValidUnknown = 0,

    /// <summary>Reserved (was BLOCK_VALID_HEADER).</summary>
    ValidReserved = 1,

    /// <summary>All parent headers found, difficulty matches, timestamp >= median previous. Implies all parents are also at least TREE.</summary>
    ValidTree = 2,

    /// <summary>Only first tx is coinbase, 2 &lt;= coinbase input script length &lt;= 100, transactions valid, no duplicate txids, sigops, size, merkle root. Implies all parents are at least TREE but not necessarily TRANSACTIONS.</summary>
    ValidTransactions = 3,

    /// <summary>Outputs do not overspend inputs, no double spends, coinbase output ok, no immature coinbase spends, BIP30. Implies all parents are either at least CHAIN, or are ASSUMED_VALID.</summary>
    ValidChain = 4,

    /// <summary>Scripts and signatures ok. Implies all parents are either at least SCRIPTS, or are ASSUMED_VALID.</summary>
    ValidScripts = 5,

    /// <summary>All validity bits.</summary>
    ValidMask = ValidReserved | ValidTree | ValidTransactions | ValidChain | ValidScripts,

    /// <summary>Full block available in blk*.dat.</summary>
    HaveData = 8,

    /// <summary>Undo data available in rev*.dat.</summary>
    HaveUndo = 16,

    /// <summary>Both storage bits.</summary>
    HaveMask = HaveData | HaveUndo,

    /// <summary>The stage after the last reached validity failed.</summary>
    FailedValid = 32,

    /// <summary>Unused flag that was previously set when descending from a failed block; still read from old databases.</summary>
    FailedChild = 64,

    /// <summary>Block data in blk*.dat was received with a witness-enforcing client.</summary>
    OptWitness = 128,

    /// <summary>Unused flag that was previously set on assumeutxo snapshot blocks.</summary>
    StatusReserved = 256,
}
