using System.Runtime.CompilerServices;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

// Core's CBlock::fChecked: a block object that passed the full context-free checks is not checked again.
public sealed partial class ChainstateManager
{
    private readonly ConditionalWeakTable<Block, object> _fullyChecked = new();

    /// <summary>
    /// <see cref="BlockChecks.CheckBlock"/> with Core's fChecked shortcut: the same block object passing with proof of
    /// work and merkle root checked is remembered, so ProcessNewBlock, AcceptBlock and ConnectBlock check it once.
    /// Blocks must not be modified after being handed to validation (as in Core).
    /// </summary>
    internal bool CheckBlock(Block block, BlockValidationState state, bool checkPow = true, bool checkMerkleRoot = true)
    {
        if (_fullyChecked.TryGetValue(block, out _)) return true;
        if (!BlockChecks.CheckBlock(block, state, ChainParams.Consensus, checkPow, checkMerkleRoot)) return false;
        if (checkPow && checkMerkleRoot) _fullyChecked.AddOrUpdate(block, block);
        return true;
    }
}
