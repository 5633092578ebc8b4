using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Node.Tests.Rpc.Support;

/// <summary>Blocks built by hand from a getblocktemplate result, as Core's test framework builds them.</summary>
public static class TestBlocks
{
    /// <summary>
    /// A block on the template's parent with a coinbase like Core's create_coinbase: the BIP34 height (padded below
    /// 17), lock time height - 1, a non-final sequence, one OP_TRUE output of the template's value, no witness.
    /// </summary>
    public static Block FromTemplate(JsonNode? template, ChainParams chainParams)
    {
        int height = template.Find("height").GetInt32();
        var block = chainParams.Network.Consensus.ConsensusFactory.CreateBlock();
        block.Header.Version = template.Find("version").GetInt32();
        block.Header.HashPrevBlock = uint256.Parse(template.Find("previousblockhash").GetStr());
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(template.Find("curtime").GetInt64());
        block.Header.Bits = new Target(Convert.ToUInt32(template.Find("bits").GetStr(), 16));
        var coinbase = chainParams.Network.CreateTransaction();
        coinbase.Version = 2;
        coinbase.LockTime = new LockTime((uint)(height - 1));
        byte[] scriptSig = height <= 16 ? [.. BlockChecks.CoinbaseHeightPrefix(height), (byte)OpcodeType.OP_0] : BlockChecks.CoinbaseHeightPrefix(height);
        coinbase.Inputs.Add(new TxIn(new OutPoint(), Script.FromBytesUnsafe(scriptSig)) { Sequence = new Sequence(0xfffffffe) });
        coinbase.Outputs.Add(new TxOut(Money.Satoshis(template.Find("coinbasevalue").GetInt64()), new Script(OpcodeType.OP_TRUE)));
        block.AddTransaction(coinbase);
        block.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(block);
        return block;
    }

    /// <summary>Recomputes the merkle root and finds a nonce meeting the target (instant on regtest).</summary>
    public static Block Solve(Block block, ChainParams chainParams, bool updateMerkleRoot = true)
    {
        if (updateMerkleRoot) block.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(block);
        block.Header.Nonce = 0;
        while (!Pow.CheckProofOfWork(block.GetHash(), block.Header.Bits.ToCompact(), chainParams.Consensus)) block.Header.Nonce++;
        return block;
    }

    /// <summary>A deep copy.</summary>
    public static Block Copy(Block block, ChainParams chainParams)
    {
        var copy = chainParams.Network.Consensus.ConsensusFactory.CreateBlock();
        copy.ReadWrite(new BitcoinStream(block.ToBytes()) { ConsensusFactory = chainParams.Network.Consensus.ConsensusFactory });
        return copy;
    }

    public static string Hex(Block block) => Convert.ToHexStringLower(block.ToBytes());

    public static string HeaderHex(Block block) => Convert.ToHexStringLower(block.Header.ToBytes());
}
