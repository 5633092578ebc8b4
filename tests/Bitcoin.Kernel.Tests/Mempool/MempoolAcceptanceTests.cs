using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Tests.Mempool.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Mempool;

public class MempoolAcceptanceTests
{
    [Fact]
    public void StandardSpendIsAcceptedAndIndexedByTxidWtxidAndOutpoint()
    {
        using var node = new MempoolNode();
        var coin = node.TakeCoin();
        var tx = node.Spend([coin], fee: 2000);

        var result = node.Accept(tx);

        Assert.Equal(2000, result.BaseFees);
        Assert.Equal(tx.GetVirtualSize(), result.VirtualSize);
        Assert.True(node.Mempool.Exists(tx.GetHash()));
        Assert.True(node.Mempool.ExistsWtxid(tx.GetWitHash()));
        Assert.True(node.Mempool.IsSpent(coin.OutPoint));
        Assert.Equal(1, node.Mempool.Count);
        Assert.Equal(2000, node.Mempool.TotalFee);
    }

    [Fact]
    public void SameTransactionTwiceIsRejectedAsAlreadyInMempool()
    {
        using var node = new MempoolNode();
        var tx = node.Spend([node.TakeCoin()]);
        node.Accept(tx);

        var again = node.Mempool.AcceptToMemoryPool(tx);

        Assert.Equal(MempoolAcceptResultType.Invalid, again.ResultType);
        Assert.Equal("txn-already-in-mempool", again.State.RejectReason);
        Assert.Equal(1, node.Mempool.Count);
    }

    [Fact]
    public void UnknownInputIsMissingInputsAndLeavesNothingBehind()
    {
        using var node = new MempoolNode();
        var parent = node.Spend([node.TakeCoin()]);
        var child = node.Spend(node.OutputsOf(parent));

        var result = node.Mempool.AcceptToMemoryPool(child);

        Assert.Equal(TxValidationResult.MissingInputs, result.State.Result);
        Assert.Equal("bad-txns-inputs-missingorspent", result.State.RejectReason);
        Assert.Equal(0, node.Mempool.Count);
    }

    [Fact]
    public void ZeroFeeIsRejectedForMinRelayFee()
    {
        using var node = new MempoolNode();
        var tx = node.Spend([node.TakeCoin()], fee: 0);

        var result = node.Mempool.AcceptToMemoryPool(tx);

        Assert.Equal("min relay fee not met", result.State.RejectReason);
        Assert.Equal(TxValidationResult.Reconsiderable, result.State.Result);
        Assert.StartsWith("0 < ", result.State.DebugMessage);
    }

    [Fact]
    public void ChildOfMempoolParentIsAcceptedIntoTheSameCluster()
    {
        using var node = new MempoolNode();
        var parent = node.Spend([node.TakeCoin()]);
        node.Accept(parent);
        var child = node.Spend(node.OutputsOf(parent), fee: 5000);
        node.Accept(child);

        var childEntry = node.Mempool.GetEntry(child.GetHash())!;
        Assert.Equal(2, node.Mempool.CalculateAncestorData(childEntry).Count);
        Assert.Equal(2, node.Mempool.GetCluster(parent.GetHash()).Count);
        // The child pays for its parent: both form one chunk.
        var chunk = node.Mempool.GetChunkFeeRate(childEntry);
        Assert.Equal(6000, chunk.Fee);
        Assert.Equal([parent.GetHash(), child.GetHash()], node.Mempool.EntriesInMiningOrder().Select(e => e.Txid));
    }

    [Fact]
    public void HigherFeeReplacementEvictsTheOriginalAndItsChild()
    {
        using var node = new MempoolNode();
        var coin = node.TakeCoin();
        var original = node.Spend([coin], fee: 1000);
        node.Accept(original);
        var child = node.Spend(node.OutputsOf(original), fee: 1000);
        node.Accept(child);

        node.Builder.AddSpendable(coin);
        var replacement = node.Spend([coin], fee: 10_000);
        var result = node.Accept(replacement);

        Assert.Equal(new[] { original.GetHash(), child.GetHash() }.Order(), result.ReplacedTransactions.Select(t => t.GetHash()).Order());
        Assert.False(node.Mempool.Exists(original.GetHash()));
        Assert.False(node.Mempool.Exists(child.GetHash()));
        Assert.True(node.Mempool.Exists(replacement.GetHash()));
    }

    [Fact]
    public void ReplacementPayingLessIsRejectedWithInsufficientFee()
    {
        using var node = new MempoolNode();
        var coin = node.TakeCoin();
        var original = node.Spend([coin], fee: 5000);
        node.Accept(original);

        node.Builder.AddSpendable(coin);
        var replacement = node.Spend([coin], fee: 4000);
        var result = node.Mempool.AcceptToMemoryPool(replacement);

        Assert.Equal("insufficient fee", result.State.RejectReason);
        Assert.StartsWith($"rejecting replacement {replacement.GetHash()}, less fees than conflicting txs; 0.00004 < 0.00005", result.State.DebugMessage);
        Assert.True(node.Mempool.Exists(original.GetHash()));
    }

    [Fact]
    public void ConfirmedTransactionLeavesTheMempoolAndItsConflictsGo()
    {
        using var node = new MempoolNode();
        var coin = node.TakeCoin();
        var inMempool = node.Spend([coin], fee: 1000);
        node.Accept(inMempool);
        var other = node.Spend([node.TakeCoin()], fee: 1000);
        node.Accept(other);

        node.Builder.AddSpendable(coin);
        var conflicting = node.Spend([coin], fee: 500);
        node.Mine([conflicting, other]);

        Assert.Equal(0, node.Mempool.Count);
    }

    [Fact]
    public void DisconnectedBlockTransactionsReturnToTheMempool()
    {
        using var node = new MempoolNode();
        var tx = node.Spend([node.TakeCoin()], fee: 1000);
        node.Accept(tx);
        var block = node.Mine([tx]);
        Assert.Equal(0, node.Mempool.Count);

        var state = node.Chainman.InvalidateBlock(node.Chainman.LookupBlockIndex(block.GetHash())!);

        Assert.True(state.IsValid, state.ToString());
        Assert.True(node.Mempool.Exists(tx.GetHash()));
    }
}
