using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Tests.Validation.Support;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

// Invalid blocks are rejected with Core's reject reasons and change neither the tip nor the UTXO set.
public class InvalidBlockTests : IDisposable
{
    private readonly TestNode _node = new();

    public InvalidBlockTests()
    {
        _node.MineBlocks(101);
    }

    public void Dispose() => _node.Dispose();

    [Fact]
    public void BadMerkleRootIsRejected()
    {
        var block = _node.Builder.BuildBlock(_node.Tip);
        block.Header.HashMerkleRoot = uint256.One;
        _node.Builder.Mine(block);
        AssertRejected(block, "bad-txnmrklroot");
    }

    [Fact]
    public void CoinbasePayingTooMuchIsRejected()
    {
        var block = _node.Builder.BuildBlock(_node.Tip, tamper: b => b.Transactions[0].Outputs[0].Value += Money.Satoshis(1));
        AssertRejected(block, "bad-cb-amount");
    }

    [Fact]
    public void SpendingAMissingOutputIsRejected()
    {
        var spendable = _node.Builder.Mature(_node.Tip.Height)[0];
        var fake = spendable with { OutPoint = new OutPoint(uint256.One, 0) };
        var tx = _node.Builder.Spend([fake]);
        var block = _node.Builder.BuildBlock(_node.Tip, [tx]);
        AssertRejected(block, "bad-txns-inputs-missingorspent");
    }

    [Fact]
    public void SpendingAnImmatureCoinbaseIsRejected()
    {
        var immature = _node.Builder.Spendable.Last(o => o.IsCoinbase);
        var tx = _node.Builder.Spend([immature]);
        var block = _node.Builder.BuildBlock(_node.Tip, [tx]);
        AssertRejected(block, "bad-txns-premature-spend-of-coinbase");
    }

    [Fact]
    public void BadSignatureIsRejectedWithScriptError()
    {
        var spendable = _node.Builder.Mature(_node.Tip.Height)[0];
        var tx = _node.Builder.Spend([spendable]);
        // Sign with a different key: the witness no longer matches the output.
        var wrongKey = spendable with { Key = new Key() };
        TestChainBuilder.Sign(tx, [wrongKey]);
        var block = _node.Builder.BuildBlock(_node.Tip, [tx], fees: Money.Satoshis(1000));
        AssertRejected(block, "block-script-verify-flag-failed");
    }

    [Fact]
    public void WrongCoinbaseHeightIsRejected()
    {
        var block = _node.Builder.BuildBlock(_node.Tip, tamper: b => b.Transactions[0].Inputs[0].ScriptSig = new Script(Op.GetPushOp(_node.Tip.Height + 5), OpcodeType.OP_0));
        AssertRejected(block, "bad-cb-height");
    }

    [Fact]
    public void WitnessCommitmentMismatchIsRejected()
    {
        var spendable = _node.Builder.Mature(_node.Tip.Height)[0];
        var tx = _node.Builder.Spend([spendable]);
        var block = _node.Builder.BuildBlock(_node.Tip, [tx], fees: Money.Satoshis(1000), tamper: b =>
        {
            // Change a witness after the commitment was computed.
            b.Transactions[1].Inputs[0].WitScript = new WitScript([new byte[64]], true);
        });
        AssertRejected(block, "bad-witness-merkle-match");
    }

    [Fact]
    public void DuplicateTransactionOfUnspentOutputIsRejectedByBip30()
    {
        var spendable = _node.Builder.Mature(_node.Tip.Height)[0];
        var tx = _node.Builder.Spend([spendable]);
        _node.Mine([tx], Money.Satoshis(1000));
        // The same transaction again: its outputs are still unspent, so it would overwrite them.
        var block = _node.Builder.BuildBlock(_node.Tip, [tx], fees: Money.Satoshis(1000));
        AssertRejected(block, "bad-txns-BIP30");
    }

    [Fact]
    public void InsufficientProofOfWorkIsRejected()
    {
        var block = _node.Builder.BuildBlock(_node.Tip);
        // Find a nonce whose hash misses the target.
        while (Bitcoin.Kernel.Consensus.Pow.CheckProofOfWork(block.GetHash(), block.Header.Bits.ToCompact(), _node.Params.Consensus)) block.Header.Nonce++;
        AssertRejected(block, "high-hash");
    }

    [Fact]
    public void InvalidBlockIsRememberedAndItsChildIsRejected()
    {
        var bad = _node.Builder.BuildBlock(_node.Tip, tamper: b => b.Transactions[0].Outputs[0].Value += Money.Satoshis(1));
        AssertRejected(bad, "bad-cb-amount");
        var badIndex = _node.Chainman.LookupBlockIndex(bad.GetHash())!;
        Assert.True((badIndex.Status & BlockStatus.FailedValid) != 0);

        var again = _node.Chainman.ProcessNewBlock(bad, forceProcessing: true, minPowChecked: true);
        Assert.False(again.Accepted);
        Assert.Equal("duplicate-invalid", again.CheckedState!.RejectReason);

        var child = _node.Builder.BuildBlock(badIndex);
        var result = _node.Chainman.ProcessNewBlock(child, forceProcessing: true, minPowChecked: true);
        Assert.False(result.Accepted);
        Assert.Equal("bad-prevblk", result.CheckedState!.RejectReason);
    }

    private void AssertRejected(Block block, string reason)
    {
        var tipBefore = _node.Tip;
        var utxoBefore = _node.UtxoSet();
        var result = _node.Chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true);
        Assert.NotNull(result.CheckedState);
        Assert.StartsWith(reason, result.CheckedState!.RejectReason, StringComparison.Ordinal);
        Assert.Same(tipBefore, _node.Tip);
        Assert.Equal(utxoBefore, _node.UtxoSet());
    }
}
