using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

public class ReorgTests : IDisposable
{
    private readonly TestNode _node = new();

    public ReorgTests()
    {
        _node.MineBlocks(105);
    }

    public void Dispose() => _node.Dispose();

    [Fact]
    public void DisconnectingABlockRestoresTheUtxoSetExactly()
    {
        var before = _node.UtxoSet();
        var tipBefore = _node.Tip;
        _node.MineWithSpends(txCount: 3, inputsPerTx: 2);
        Assert.NotEqual(before, _node.UtxoSet());

        var state = _node.Chainman.InvalidateBlock(_node.Tip);
        Assert.True(state.IsValid, state.ToString());
        Assert.Same(tipBefore, _node.Tip);
        Assert.Equal(before, _node.UtxoSet());
    }

    [Fact]
    public void ReorgToHeavierBranchSwitchesTipAndRestoresSpentCoins()
    {
        // Events from the set-up's mining may still be queued; as in Core, a subscriber sees whatever the
        // queue delivers after it registers, so drain it first to record only this reorg.
        _node.Signals.SyncWithValidationInterfaceQueue();
        var recorder = new RecordingSubscriber();
        using var subscription = _node.Signals.Register(recorder);
        var forkPoint = _node.Tip;
        var utxoAtFork = _node.UtxoSet();

        // Branch A: one block spending coins.
        var blockA = _node.MineWithSpends(txCount: 2);
        var spentByA = blockA.Transactions.Skip(1).SelectMany(t => t.Inputs).Select(i => i.PrevOut).ToList();
        Assert.All(spentByA, o => Assert.Null(_node.Chainman.GetUnspentCoin(o)));

        // Branch B: two empty blocks on the fork point: more work, so it wins.
        var b1 = _node.Builder.BuildBlock(forkPoint, time: forkPoint.Time + 100);
        Assert.True(_node.Chainman.ProcessNewBlock(b1, true, true).Accepted);
        Assert.Equal(blockA.GetHash(), _node.Tip.Hash); // equal work: the first seen stays
        var b1Index = _node.Chainman.LookupBlockIndex(b1.GetHash())!;
        var b2 = _node.Builder.BuildBlock(b1Index);
        Assert.True(_node.Chainman.ProcessNewBlock(b2, true, true).Accepted);

        Assert.Equal(b2.GetHash(), _node.Tip.Hash);
        Assert.All(spentByA, o => Assert.NotNull(_node.Chainman.GetUnspentCoin(o)));
        var expected = new Dictionary<OutPoint, Bitcoin.Kernel.Coins.Coin>(utxoAtFork);
        foreach (var b in new[] { b1, b2 })
        {
            var cb = b.Transactions[0];
            var height = _node.Chainman.LookupBlockIndex(b.GetHash())!.Height;
            expected[new OutPoint(cb, 0)] = new Bitcoin.Kernel.Coins.Coin(cb.Outputs[0], height, true);
        }
        Assert.Equal(expected, _node.UtxoSet());

        _node.Signals.SyncWithValidationInterfaceQueue();
        var events = recorder.Events.ToList();
        int h = forkPoint.Height;
        Assert.Equal([$"connected:{h + 1}", $"tip:{h + 1}", $"disconnected:{h + 1}", $"connected:{h + 1}", $"connected:{h + 2}", $"tip:{h + 2}"], events);
        Assert.All(recorder.Threads, t => Assert.NotEqual(Environment.CurrentManagedThreadId, t.ManagedThreadId));

        var tips = _node.Chainman.GetChainTips();
        Assert.Equal(ChainTipStatus.Active, tips[0].Status);
        var fork = Assert.Single(tips, t => t.Tip.Hash == blockA.GetHash());
        Assert.Equal(ChainTipStatus.ValidFork, fork.Status);
        Assert.Equal(1, fork.BranchLength);
    }

    [Fact]
    public void InvalidateAndReconsiderMoveTheTipBackAndForth()
    {
        var forkPoint = _node.Tip;
        var a1 = _node.Mine();
        var a2 = _node.Mine();
        var b1 = _node.Builder.BuildBlock(forkPoint, time: forkPoint.Time + 50);
        Assert.True(_node.Chainman.ProcessNewBlock(b1, true, true).Accepted);
        Assert.Equal(a2.GetHash(), _node.Tip.Hash);

        var a1Index = _node.Chainman.LookupBlockIndex(a1.GetHash())!;
        Assert.True(_node.Chainman.InvalidateBlock(a1Index).IsValid);
        Assert.Equal(b1.GetHash(), _node.Tip.Hash);
        var tips = _node.Chainman.GetChainTips();
        Assert.Equal(ChainTipStatus.Invalid, tips.Single(t => t.Tip.Hash == a2.GetHash()).Status);

        // Invalidated blocks survive a restart.
        _node.Reopen();
        Assert.Equal(b1.GetHash(), _node.Tip.Hash);
        a1Index = _node.Chainman.LookupBlockIndex(a1.GetHash())!;
        Assert.True((a1Index.Status & BlockStatus.FailedValid) != 0);

        Assert.True(_node.Chainman.ReconsiderBlock(a1Index).IsValid);
        Assert.Equal(a2.GetHash(), _node.Tip.Hash);
        Assert.Equal(ChainTipStatus.ValidFork, _node.Chainman.GetChainTips().Single(t => t.Tip.Hash == b1.GetHash()).Status);
    }

    [Fact]
    public void PreciousBlockPrefersAnEqualWorkBranch()
    {
        var forkPoint = _node.Tip;
        var a1 = _node.Mine();
        var b1 = _node.Builder.BuildBlock(forkPoint, time: forkPoint.Time + 50);
        Assert.True(_node.Chainman.ProcessNewBlock(b1, true, true).Accepted);
        Assert.Equal(a1.GetHash(), _node.Tip.Hash);

        var b1Index = _node.Chainman.LookupBlockIndex(b1.GetHash())!;
        Assert.True(_node.Chainman.PreciousBlock(b1Index).IsValid);
        Assert.Equal(b1.GetHash(), _node.Tip.Hash);

        var a1Index = _node.Chainman.LookupBlockIndex(a1.GetHash())!;
        Assert.True(_node.Chainman.PreciousBlock(a1Index).IsValid);
        Assert.Equal(a1.GetHash(), _node.Tip.Hash);
    }

    [Fact]
    public void InvalidatingTheGenesisBlockFails()
    {
        var genesis = _node.Chainman.LookupBlockIndex(_node.Params.Consensus.HashGenesisBlock)!;
        Assert.False(_node.Chainman.InvalidateBlock(genesis).IsValid);
        Assert.Equal(105, _node.Tip.Height);
    }

    [Fact]
    public void HeadersWithoutBlocksAreHeadersOnlyTips()
    {
        var header1 = _node.Builder.BuildBlock(_node.Tip).Header;
        var state = new Bitcoin.Kernel.Consensus.BlockValidationState();
        Assert.True(_node.Chainman.ProcessNewBlockHeaders([header1], minPowChecked: true, state, out var last));
        Assert.Equal(_node.Tip.Height + 1, last!.Height);
        Assert.Same(last, _node.Chainman.BestHeader);
        var tip = _node.Chainman.GetChainTips().Single(t => t.Tip == last);
        Assert.Equal(ChainTipStatus.HeadersOnly, tip.Status);
    }
}
