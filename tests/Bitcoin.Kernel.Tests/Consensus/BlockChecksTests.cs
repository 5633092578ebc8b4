using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>CheckBlock, CheckTransaction and the contextual checks give Core's reject reasons.</summary>
public class BlockChecksTests
{
    private static readonly ChainParams Regtest = ChainParams.Create(ChainType.Regtest);

    private static BlockIndex GenesisIndex()
    {
        var genesis = new BlockIndex(Regtest.GenesisBlock.Header) { Height = 0 };
        genesis.ChainWork = Pow.GetBlockProof(genesis);
        return genesis;
    }

    private static Block ValidBlock(BlockIndex previous, int extraTxs = 0)
    {
        var block = TestBlocks.BlockWithTransactions(Regtest, 1 + extraTxs);
        block.Header.HashPrevBlock = previous.Hash;
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(previous.Time + 600);
        WitnessCommitment.GenerateCoinbaseCommitment(block, previous, Regtest.Consensus);
        block.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(block);
        TestBlocks.Mine(block, Regtest.Consensus);
        return block;
    }

    private static string CheckBlockReason(Block block, bool checkPow = true)
    {
        var state = new BlockValidationState();
        Assert.False(BlockChecks.CheckBlock(block, state, Regtest.Consensus, checkPow));
        return state.RejectReason;
    }

    [Fact]
    public void ValidBlockPassesAllChecks()
    {
        var genesis = GenesisIndex();
        var block = ValidBlock(genesis);
        var state = new BlockValidationState();

        Assert.True(BlockChecks.CheckBlock(block, state, Regtest.Consensus), state.ToString());
        Assert.True(BlockChecks.ContextualCheckBlockHeader(block.Header, state, Regtest, genesis, genesis.Time + 700), state.ToString());
        Assert.True(BlockChecks.ContextualCheckBlock(block, state, Regtest, genesis), state.ToString());
        Assert.Equal("Valid", state.ToString());
    }

    [Fact]
    public void CheckBlockRejectsWithCoresReasons()
    {
        var genesis = GenesisIndex();

        var highHash = ValidBlock(genesis);
        while (Pow.CheckProofOfWork(highHash.Header.GetHash(), (uint)highHash.Header.Bits, Regtest.Consensus)) highHash.Header.Nonce++;
        Assert.Equal("high-hash", CheckBlockReason(highHash));

        var badRoot = ValidBlock(genesis);
        badRoot.Header.HashMerkleRoot = uint256.One;
        Assert.Equal("bad-txnmrklroot", CheckBlockReason(badRoot, checkPow: false));

        var noCoinbase = TestBlocks.BlockWithTransactions(Regtest, 2);
        noCoinbase.Transactions.RemoveAt(0);
        noCoinbase.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(noCoinbase);
        Assert.Equal("bad-cb-missing", CheckBlockReason(noCoinbase, checkPow: false));

        var twoCoinbases = TestBlocks.BlockWithTransactions(Regtest, 1);
        twoCoinbases.Transactions.Add(TestBlocks.Coinbase(2, Money.Coins(1)));
        twoCoinbases.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(twoCoinbases);
        Assert.Equal("bad-cb-multiple", CheckBlockReason(twoCoinbases, checkPow: false));

        var sigops = TestBlocks.BlockWithTransactions(Regtest, 1);
        // 20001 CHECKSIGs counted legacy-style: 80004 > 80000.
        sigops.Transactions[0].Outputs.Add(new TxOut(Money.Zero, Script.FromBytesUnsafe(Enumerable.Repeat((byte)OpcodeType.OP_CHECKSIG, 20001).ToArray())));
        sigops.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(sigops);
        Assert.Equal("bad-blk-sigops", CheckBlockReason(sigops, checkPow: false));

        var duplicateInputs = TestBlocks.BlockWithTransactions(Regtest, 2);
        duplicateInputs.Transactions[1].Inputs.Add(duplicateInputs.Transactions[1].Inputs[0].Clone());
        duplicateInputs.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(duplicateInputs);
        Assert.Equal("bad-txns-inputs-duplicate", CheckBlockReason(duplicateInputs, checkPow: false));
    }

    [Theory]
    [InlineData("vin-empty", "bad-txns-vin-empty")]
    [InlineData("vout-empty", "bad-txns-vout-empty")]
    [InlineData("vout-negative", "bad-txns-vout-negative")]
    [InlineData("vout-toolarge", "bad-txns-vout-toolarge")]
    [InlineData("total-toolarge", "bad-txns-txouttotal-toolarge")]
    [InlineData("prevout-null", "bad-txns-prevout-null")]
    [InlineData("cb-length", "bad-cb-length")]
    [InlineData("oversize", "bad-txns-oversize")]
    public void CheckTransactionRejectsWithCoresReasons(string defect, string reason)
    {
        var tx = TestBlocks.Spend(uint256.One, 0, Money.Coins(1));
        switch (defect)
        {
            case "vin-empty": tx.Inputs.Clear(); break;
            case "vout-empty": tx.Outputs.Clear(); break;
            case "vout-negative": tx.Outputs[0].Value = Money.Satoshis(-1); break;
            case "vout-toolarge": tx.Outputs[0].Value = Money.Satoshis(ConsensusConstants.MaxMoney + 1); break;
            case "total-toolarge":
                tx.Outputs[0].Value = Money.Satoshis(ConsensusConstants.MaxMoney);
                tx.Outputs.Add(new TxOut(Money.Satoshis(1), Script.Empty));
                break;
            case "prevout-null":
                tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue)));
                break;
            case "cb-length": tx = TestBlocks.Coinbase(1, Money.Coins(1)); tx.Inputs[0].ScriptSig = Script.FromBytesUnsafe([0x51]); break;
            case "oversize": tx.Outputs.Add(new TxOut(Money.Zero, Script.FromBytesUnsafe(new byte[1_000_000]))); break;
        }
        var state = new TxValidationState();
        Assert.False(TxChecks.CheckTransaction(tx, state));
        Assert.Equal(reason, state.RejectReason);
        Assert.Equal(TxValidationResult.Consensus, state.Result);
    }

    [Fact]
    public void ContextualHeaderChecksRejectWithCoresReasons()
    {
        var genesis = GenesisIndex();
        long now = genesis.Time + 700;

        var badBits = ValidBlock(genesis);
        badBits.Header.Bits = new Target(0x207ffffe);
        var state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlockHeader(badBits.Header, state, Regtest, genesis, now));
        Assert.Equal("bad-diffbits", state.RejectReason);

        var tooOld = ValidBlock(genesis);
        tooOld.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(genesis.Time);
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlockHeader(tooOld.Header, state, Regtest, genesis, now));
        Assert.Equal("time-too-old", state.RejectReason);

        var tooNew = ValidBlock(genesis);
        tooNew.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(now + ConsensusConstants.MaxFutureBlockTime + 1);
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlockHeader(tooNew.Header, state, Regtest, genesis, now));
        Assert.Equal("time-too-new", state.RejectReason);
        Assert.Equal(BlockValidationResult.TimeFuture, state.Result);

        var oldVersion = ValidBlock(genesis);
        oldVersion.Header.Version = 3;
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlockHeader(oldVersion.Header, state, Regtest, genesis, now));
        Assert.Equal("bad-version(0x00000003)", state.RejectReason);
        Assert.Equal("bad-version(0x00000003), rejected nVersion=0x00000003 block", state.ToString());
    }

    [Fact]
    public void TimewarpRuleAppliesAtRetargetBoundariesWithBip94()
    {
        var bip94 = ChainParams.Create(ChainType.Regtest, new ChainParamsOptions { EnforceBip94 = true });
        var chain = new List<BlockIndex> { GenesisIndex() };
        for (int h = 1; h < 144; h++)
        {
            var entry = new BlockIndex(new uint256((ulong)h), 4, uint256.Zero, chain[^1].Time + 600, 0x207fffff, 0) { Height = h, Previous = chain[^1] };
            entry.BuildSkip();
            chain.Add(entry);
        }
        var header = ValidBlock(chain[0]).Header;
        header.HashPrevBlock = chain[^1].Hash;
        // At height 144 (a boundary), more than 600 seconds before the previous block, yet after the median time past.
        header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(chain[^1].Time - 601);
        var state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlockHeader(header, state, bip94, chain[^1], chain[^1].Time));
        Assert.Equal("time-timewarp-attack", state.RejectReason);
        state = new BlockValidationState();
        Assert.True(BlockChecks.ContextualCheckBlockHeader(header, state, Regtest, chain[^1], chain[^1].Time), state.ToString());
    }

    [Fact]
    public void ContextualBlockChecksRejectWithCoresReasons()
    {
        var genesis = GenesisIndex();

        var badHeight = ValidBlock(genesis);
        badHeight.Transactions[0].Inputs[0].ScriptSig = Script.FromBytesUnsafe([0x52, 0x51]);
        var state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlock(badHeight, state, Regtest, genesis));
        Assert.Equal("bad-cb-height", state.RejectReason);

        var nonFinal = ValidBlock(genesis, extraTxs: 1);
        nonFinal.Transactions[1].LockTime = new LockTime(5);
        nonFinal.Transactions[1].Inputs[0].Sequence = 0;
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlock(nonFinal, state, Regtest, genesis));
        Assert.Equal("bad-txns-nonfinal", state.RejectReason);

        var badNonce = ValidBlock(genesis);
        badNonce.Transactions[0].Inputs[0].WitScript = new WitScript([new byte[31]]);
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlock(badNonce, state, Regtest, genesis));
        Assert.Equal("bad-witness-nonce-size", state.RejectReason);

        var badCommitment = ValidBlock(genesis, extraTxs: 1);
        badCommitment.Transactions[1].Inputs[0].WitScript = new WitScript([new byte[] { 1 }]);
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlock(badCommitment, state, Regtest, genesis));
        Assert.Equal("bad-witness-merkle-match", state.RejectReason);

        var unexpected = TestBlocks.BlockWithTransactions(Regtest, 2);
        unexpected.Transactions[1].Inputs[0].WitScript = new WitScript([new byte[] { 1 }]);
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlock(unexpected, state, Regtest, genesis));
        Assert.Equal("unexpected-witness", state.RejectReason);

        var heavy = ValidBlock(genesis);
        heavy.Transactions[0].Outputs.Add(new TxOut(Money.Zero, Script.FromBytesUnsafe(new byte[1_000_001])));
        WitnessCommitment.GenerateCoinbaseCommitment(heavy, genesis, Regtest.Consensus);
        state = new BlockValidationState();
        Assert.False(BlockChecks.ContextualCheckBlock(heavy, state, Regtest, genesis));
        Assert.Equal("bad-blk-weight", state.RejectReason);
    }

    [Fact]
    public void CheckTxInputsEnforcesMaturityAmountsAndReportsFee()
    {
        var tx = TestBlocks.Spend(uint256.One, 0, Money.Coins(1));
        var coin = new Bitcoin.Kernel.Coins.Coin(new TxOut(Money.Coins(2), Script.Empty), 10, isCoinbase: true);
        var state = new TxValidationState();
        Assert.False(TxChecks.CheckTxInputs(tx, state, [coin], 109, out _));
        Assert.Equal("bad-txns-premature-spend-of-coinbase", state.RejectReason);
        Assert.Equal("tried to spend coinbase at depth 99", state.DebugMessage);

        state = new TxValidationState();
        Assert.True(TxChecks.CheckTxInputs(tx, state, [coin], 110, out var fee));
        Assert.Equal(Money.Coins(1), fee);

        state = new TxValidationState();
        Assert.False(TxChecks.CheckTxInputs(tx, state, [null], 110, out _));
        Assert.Equal("bad-txns-inputs-missingorspent", state.RejectReason);

        var poor = new Bitcoin.Kernel.Coins.Coin(new TxOut(Money.Coins(0.5m), Script.Empty), 10, isCoinbase: false);
        state = new TxValidationState();
        Assert.False(TxChecks.CheckTxInputs(tx, state, [poor], 110, out _));
        Assert.Equal("bad-txns-in-belowout", state.RejectReason);
        Assert.Equal("value in (0.50) < value out (1.00)", state.DebugMessage);
    }

    [Fact]
    public void GetBlockScriptFlagsFollowsActivationHeightsAndExceptions()
    {
        var main = ChainParams.Create(ChainType.Main);
        var early = new BlockIndex(uint256.One, 1, uint256.Zero, 0, 0, 0) { Height = 1 };
        Assert.Equal(ScriptVerifyFlags.P2Sh | ScriptVerifyFlags.Witness | ScriptVerifyFlags.Taproot, ScriptFlags.GetBlockScriptFlags(early, main));
        var bip16Exception = new BlockIndex(uint256.Parse("00000000000002dc756eebf4f49723ed8d30cc28a5f108eb94b1ba88ac4f9c22"), 1, uint256.Zero, 0, 0, 0) { Height = 170060 };
        Assert.Equal(ScriptVerifyFlags.None, ScriptFlags.GetBlockScriptFlags(bip16Exception, main));
        var late = new BlockIndex(uint256.One, 4, uint256.Zero, 0, 0, 0) { Height = 900_000 };
        Assert.Equal(ScriptFlags.Mandatory, ScriptFlags.GetBlockScriptFlags(late, main));
    }

    [Fact]
    public void Bip30IsSkippedOnlyForTheRepeatBlocksAndOnTheBip34Chain()
    {
        var main = ChainParams.Create(ChainType.Main).Consensus;
        var previous = new BlockIndex(uint256.One, 1, uint256.Zero, 0, 0, 0) { Height = 91841 };
        var repeat = new BlockIndex(uint256.Parse("00000000000a4d0a398161ffc163c503763b1f4360639393e0e4c8e300e0caec"), 1, uint256.Zero, 0, 0, 0)
        {
            Height = 91842,
            Previous = previous,
        };
        Assert.True(ConsensusParams.IsBip30Repeat(repeat));
        Assert.False(main.MustCheckBip30(repeat));
        var ordinary = new BlockIndex(uint256.One, 1, uint256.Zero, 0, 0, 0) { Height = 91842, Previous = previous };
        Assert.True(main.MustCheckBip30(ordinary));
        Assert.True(ConsensusParams.IsBip30Unspendable(uint256.Parse("00000000000271a2dc26e7667f8419f2e15416dc6955e5a6c6cdf3f2574dd08e"), 91722));
    }
}
