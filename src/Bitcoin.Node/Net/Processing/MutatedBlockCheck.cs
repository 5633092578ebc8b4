using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// Core's IsBlockMutated as net processing calls it: the same checks as <see cref="BlockChecks.IsBlockMutated"/>, with
/// the reason logged in the validation category ("Block mutated: bad-txns-duplicate, duplicate transaction"), which
/// is how an operator (and Core's p2p_invalid_block.py) learns why a peer's block was dropped.
/// </summary>
internal static class MutatedBlockCheck
{
    /// <summary>True when the block's transactions do not match what its header commits to.</summary>
    public static bool IsMutated(Block block, bool checkWitnessRoot)
    {
        var state = new BlockValidationState();
        if (!BlockChecks.CheckMerkleRoot(block, state))
        {
            Log.Debug(LogCategory.Validation, $"Block mutated: {state}");
            return true;
        }

        if (block.Transactions.Count == 0 || !block.Transactions[0].IsCoinBase)
            return block.Transactions.Any(tx => TxChecks.StrippedSize(tx) == 64);

        if (!BlockChecks.CheckWitnessMalleation(block, checkWitnessRoot, state))
        {
            Log.Debug(LogCategory.Validation, $"Block mutated: {state}");
            return true;
        }

        return false;
    }
}
