using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Rpc;

/// <summary>
/// Rebuilds, byte for byte, the 103-block regtest chain behind Core's getblockstats expectations
/// (<see cref="GetBlockStatsExpectations"/>).
/// </summary>
/// <remarks>
/// How Core's rpc_getblockstats.py made the chain, and what follows for rebuilding it:
/// <list type="bullet">
/// <item>The node's clock was frozen at <see cref="MockTime"/>, so each block's time is the later of that and one second
/// past the median time of the previous eleven blocks, and the nonce is the first one from zero meeting regtest's target.</item>
/// <item>Every coinbase is Core's miner's of the time: version 2, the BIP34 height and an extra nonce of 1 in the
/// scriptSig, the subsidy plus fees to the framework's deterministic key of node 0, and a witness commitment with a zero
/// reserved value. All of that is derived here.</item>
/// <item>Blocks 102 and 103 also hold five transactions a wallet made (sendtoaddress and send, some at 300 sat/vB, one
/// with an OP_RETURN output). Their change went to keys the wallet drew at random, so they cannot be made again: they
/// are the only part of the chain kept as data, below.</item>
/// </list>
/// The tests check that the rebuilt blocks 101 to 103 have the block hashes Core reported, which proves the whole
/// chain is the same.
/// </remarks>
internal static class GetBlockStatsChain
{
    /// <summary>The time Core's node was frozen at while it mined the chain (30 April 2018).</summary>
    public const long MockTime = 1525107225;

    /// <summary>The height of the last block.</summary>
    public const int TipHeight = 103;

    // Block 102: a 10 BTC payment to node 0's key with the fee taken from the amount, spending block 1's coinbase.
    private static readonly string[] Block102Transactions =
    [
        "020000000128394022bf44bff30d7399cb5a16e3b94fed67dc174c2e1d77df91bad5a51cb3000000006a47304402200650c6c50bd4952ca1"
        + "3b7aa37d458a36628434bbb968701063cdd36d0725e36c02202e059ccf7a4a049de028c4f140e543baa7e69ea3663e3d1fdfbc8ba7247e"
        + "82f901210227d85ba011276cf25b51df6a188b75e604b38770a462b2d0e9fb2fc839ef5d3ffeffffff02a8b89a3b000000001976a9142b"
        + "4569203694fc997e13f2c0a1383b9e16c77a0d88ac00286bee0000000016001423838e991caedd69289d9dac88ca423cca683a2265000000",
    ];

    // Block 103, in the miner's order: 10 BTC with the fee taken from it, 10 BTC with the fee on top, 1 BTC at
    // 300 sat/vB, and an OP_RETURN output carrying 0x21 at 300 sat/vB. All spend P2WPKH change.
    private static readonly string[] Block103Transactions =
    [
        "02000000000101bb475ac72ba1a45a96be584a689d6d0ace820d9587b0db53dc40a15555b9be770100000000feffffff02c0be9a3b0000"
        + "00001976a9142b4569203694fc997e13f2c0a1383b9e16c77a0d88ac005ed0b200000000160014a57f6871c70569e0543322614c5c8543"
        + "8b796a900247304402207893b5466cdbf9cdedcc73fb8e10e01c4dd9aac4345031ef0c35d91e82ff5fd602207f0e1d7e4270a532060fd1"
        + "e6ad7881d18acb173fd4fd1d61f3c8ff6707bdb972012103bb4c79ca594b19bbec7ee6302af0ef4191345fa7f03a30ed4e042aeed68092"
        + "4b66000000",
        "02000000000101e6a996cbac10b2d6b2bb2796a4ebf639ee21b136e06c7d8c6bc62b7cb4a311870100000000feffffff0200ca9a3b0000"
        + "00001976a9142b4569203694fc997e13f2c0a1383b9e16c77a0d88acc088357700000000160014c48ea35298422796eb75ee9a04ebada6"
        + "6780083902473044022062963ff9f1f0d2c885060c083b97ddd67bd6e8a7daaed6578a62c1f905fd31a6022001836efe75bbce64d29700"
        + "f5568aed78ce68f098ef0b8efdad0679e2f6c0ceb5012102228c4d459ce647b63b2681597a6e8391e4b5afab147f90747184a0893e4934"
        + "c266000000",
        "02000000000101c654a35d86b4c3112ae9ec75e3bc271e0b8f928620386fdaf9517e8a9b511d850100000000feffffff024038f5050000"
        + "00001976a9142b4569203694fc997e13f2c0a1383b9e16c77a0d88acc0a73f7100000000160014cb1049e20cebfe756d657af0d47a3357"
        + "c1db3c9702473044022024728eb27e884d08b2b95e670fd58c0e10106a18bc9e01f753f9ae474aa2c95e02201d5abe91302b373507dce1"
        + "fd2f4b95ddc36e21d23eda6c476cc9efea80338ef90121036be02fd68622ce6740f0d028059af96a310c23c675f044732171df6f64f0fc"
        + "b266000000",
        "0200000000010135c4ee1a780d8279ea7c79d3ad6fbb39315a13e6b51dd51f49db6e2f4796bada0100000000feffffff02000000000000"
        + "0000036a0121c8183f71000000001600147ea4d830ca77c20a23155a176a1472613dc4e7840247304402202db3527431e09ca8034d2071"
        + "34d79fc063939bd402286dd8b3872de3b2a746b402207faae5fb8838e6877822a9209fe2e81d4be4a69ce8164215e03f9b92d75e94f901"
        + "21024d456d37df6f3436ee1685b78d90d2d24c4dd8c602d5f41405fe7f449b43415f00000000",
    ];

    /// <summary>Blocks 1 to <see cref="TipHeight"/>, in order, on top of <paramref name="chainParams"/>' genesis block.</summary>
    public static IReadOnlyList<Block> Build(ChainParams chainParams)
    {
        var network = chainParams.Network;
        var payout = BitcoinAddress.Create(RegtestNode.Node0Address, network).ScriptPubKey;
        var genesis = chainParams.GenesisBlock;
        var times = new List<long> { genesis.Header.BlockTime.ToUnixTimeSeconds() };
        var previousHash = genesis.GetHash();
        // Every output made so far, to work out the fees the coinbases collect.
        var outputs = new Dictionary<OutPoint, Money>();
        var blocks = new List<Block>();

        for (int height = 1; height <= TipHeight; height++)
        {
            var transactions = (height switch { 102 => Block102Transactions, 103 => Block103Transactions, _ => [] })
                .Select(hex => Transaction.Parse(hex, network)).ToList();
            // In block 103 each payment spends the change of the one before it, so outputs are added as we go.
            long fees = 0;
            foreach (var tx in transactions)
            {
                fees += tx.Inputs.Sum(input => outputs[input.PrevOut].Satoshi) - tx.TotalOut.Satoshi;
                AddOutputs(outputs, tx);
            }

            var coinbase = network.CreateTransaction();
            coinbase.Version = 2;
            coinbase.Inputs.Add(new TxIn(new OutPoint(), Script.FromBytesUnsafe([.. BlockChecks.CoinbaseHeightPrefix(height), 0x01, 0x01])));
            coinbase.Outputs.Add(new TxOut(Money.Satoshis(50_00000000L + fees), payout));

            var block = network.Consensus.ConsensusFactory.CreateBlock();
            block.Header.Version = 0x20000000;
            block.Header.HashPrevBlock = previousHash;
            block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(Math.Max(MockTime, MedianOfLastEleven(times) + 1));
            block.Header.Bits = genesis.Header.Bits;
            block.AddTransaction(coinbase);
            foreach (var tx in transactions) block.AddTransaction(tx);

            // The commitment covers the witness merkle root, in which the coinbase counts as zero, so it can be
            // added after the other transactions are in.
            var commitment = WitnessCommitment.ComputeCommitment(block, new byte[32]);
            coinbase.Outputs.Add(new TxOut(Money.Zero, Script.FromBytesUnsafe([0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed, .. commitment.ToBytes()])));
            coinbase.Inputs[0].WitScript = new WitScript([new byte[32]]);
            TestBlocks.Solve(block, chainParams);

            AddOutputs(outputs, coinbase);
            times.Add(block.Header.BlockTime.ToUnixTimeSeconds());
            previousHash = block.GetHash();
            blocks.Add(block);
        }
        return blocks;
    }

    private static void AddOutputs(Dictionary<OutPoint, Money> outputs, Transaction tx)
    {
        for (int i = 0; i < tx.Outputs.Count; i++) outputs[new OutPoint(tx, i)] = tx.Outputs[i].Value;
    }

    private static long MedianOfLastEleven(List<long> times)
    {
        var last = times.TakeLast(11).Order().ToList();
        return last[last.Count / 2];
    }
}
