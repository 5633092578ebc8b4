using NBitcoin;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>Bitcoin objects for the tests: a regtest block with a coinbase and a segwit spend.</summary>
internal static class TestData
{
    public static readonly Key Key = new(Convert.FromHexString("0101010101010101010101010101010101010101010101010101010101010101"));

    public static Block MakeBlock()
    {
        var network = Network.RegTest;
        var block = network.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = network.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new OutPoint(), new Script(OpcodeType.OP_1, OpcodeType.OP_1)));
        coinbase.Outputs.Add(new TxOut(Money.Coins(50), Key.PubKey.WitHash));
        var spend = network.CreateTransaction();
        spend.Inputs.Add(new TxIn(new OutPoint(coinbase.GetHash(), 0)) { WitScript = new WitScript(new[] { new byte[] { 1, 2, 3 }, Key.PubKey.ToBytes() }) });
        spend.Outputs.Add(new TxOut(Money.Coins(49.9m), Key.PubKey.Hash));
        spend.Outputs.Add(new TxOut(Money.Satoshis(1234), Key.PubKey.GetAddress(ScriptPubKeyType.TaprootBIP86, network).ScriptPubKey));
        block.Transactions.Add(coinbase);
        block.Transactions.Add(spend);
        block.Header.HashPrevBlock = uint256.One;
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        block.UpdateMerkleRoot();
        return block;
    }
}
