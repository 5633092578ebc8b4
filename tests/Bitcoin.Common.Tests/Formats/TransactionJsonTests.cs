using Bitcoin.Common.Formats;
using NBitcoin;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's TxToUniv (decoderawtransaction / getrawtransaction verbose / getblock verbosity 2 and 3).</summary>
public class TransactionJsonTests
{
    private const string WitnessTx = "010000000001010000000000000072c1a6a246ae63f74f931e8365e15a089c68d61900000000000000000000ffffffff0100e1f50500000000000102616100000000";

    // rpc_decodescript.py: a mainnet P2SH 2-of-3 multisig spend (txid 8e3730...).
    private const string MultisigSpendTx = "01000000018d1f5635abd06e2c7e2ddf58dc85b3de111e4ad6e0ab51bb0dcf5e84126d927300000000fdfe0000483045022100ae3b4e589dfc9d48cb82d41008dc5fa6a86f94d5c54f9935531924602730ab8002202f88cf464414c4ed9fa11b773c5ee944f66e9b05cc1e51d97abc22ce098937ea01483045022100b44883be035600e9328a01b66c7d8439b74db64187e76b99a68f7893b701d5380220225bf286493e4c4adcf928c40f785422572eb232f84a0b83b0dea823c3a19c75014c695221020743d44be989540d27b1b4bbbcfd17721c337cb6bc9af20eb8a32520b393532f2102c0120a1dda9e51a938d39ddd9fe0ebc45ea97e1d27a7cbd671d5431416d3dd87210213820eb3d5f509d7438c9eeecb4157b2f595105e7cd564b3cdbb9ead3da41eed53aeffffffff02611e0000000000001976a914dc863734a218bfe83ef770ee9d41a27f824a6e5688acee2a02000000000017a9142a5edea39971049a540474c6a99edf0aa4074c588700000000";

    [Fact]
    public void WitnessTransactionIsWrittenExactlyAsCore()
    {
        var tx = TransactionDecoding.DecodeHexTx(WitnessTx)!;
        string expected = "{\"txid\":\"d006b4ece5d4adbd6f46b3a6f65f4a230caf6c44d8510e4340d0f26b7ceeb44a\"," +
            "\"hash\":\"23f0c1f68f0a43bb434494933a5a0f6f9636261f33b036b7700d96e264aceeda\",\"version\":1,\"size\":66,\"vsize\":62," +
            "\"weight\":246,\"locktime\":0,\"vin\":[{\"txid\":\"000000000019d6689c085ae165831e934ff763ae46a2a6c17200000000000000\"," +
            "\"vout\":0,\"scriptSig\":{\"asm\":\"\",\"hex\":\"\"},\"txinwitness\":[\"6161\"],\"sequence\":4294967295}]," +
            "\"vout\":[{\"value\":1.00000000,\"n\":0,\"scriptPubKey\":{\"asm\":\"\",\"desc\":\"raw()#58lrscpx\",\"hex\":\"\",\"type\":\"nonstandard\"}}]," +
            "\"hex\":\"" + WitnessTx + "\"}";
        Assert.Equal(expected, FormatsTestData.Write(TransactionJson.TxToUniv(tx, Network.RegTest)));
    }

    [Fact]
    public void LegacyMultisigSpendShowsSighashTypesAndAddresses()
    {
        var tx = TransactionDecoding.DecodeHexTx(MultisigSpendTx)!;
        var json = TransactionJson.TxToUniv(tx, Network.Main, includeHex: false);
        Assert.Equal("8e3730608c3b0bb5df54f09076e196bc292a8e39a78e73b44b6ba08c78f5cbb0", (string)json["txid"]!);
        Assert.Equal((string)json["txid"]!, (string)json["hash"]!);
        Assert.Equal(373, (int)json["size"]!);
        Assert.Equal(373, (int)json["vsize"]!);
        Assert.Equal(1492, (int)json["weight"]!);
        Assert.False(json.ContainsKey("hex"));

        var vin = json["vin"]![0]!.AsObject();
        Assert.Equal(["txid", "vout", "scriptSig", "sequence"], vin.Select(p => p.Key));
        Assert.Equal("73926d12845ecf0dbb51abe0d64a1e11deb385dc58df2d7e2c6ed0ab35561f8d", (string)vin["txid"]!);
        Assert.Equal("0 3045022100ae3b4e589dfc9d48cb82d41008dc5fa6a86f94d5c54f9935531924602730ab8002202f88cf464414c4ed9fa11b773c5ee944f66e9b05cc1e51d97abc22ce098937ea[ALL] 3045022100b44883be035600e9328a01b66c7d8439b74db64187e76b99a68f7893b701d5380220225bf286493e4c4adcf928c40f785422572eb232f84a0b83b0dea823c3a19c75[ALL] 5221020743d44be989540d27b1b4bbbcfd17721c337cb6bc9af20eb8a32520b393532f2102c0120a1dda9e51a938d39ddd9fe0ebc45ea97e1d27a7cbd671d5431416d3dd87210213820eb3d5f509d7438c9eeecb4157b2f595105e7cd564b3cdbb9ead3da41eed53ae",
            (string)vin["scriptSig"]!["asm"]!);

        var out0 = json["vout"]![0]!["scriptPubKey"]!;
        Assert.Equal("OP_DUP OP_HASH160 dc863734a218bfe83ef770ee9d41a27f824a6e56 OP_EQUALVERIFY OP_CHECKSIG", (string)out0["asm"]!);
        Assert.Equal("addr(1M72Sfpbz1BPpXFHz9m3CdqATR44Jvaydd)#3jnvc3k4", (string)out0["desc"]!);
        Assert.Equal("1M72Sfpbz1BPpXFHz9m3CdqATR44Jvaydd", (string)out0["address"]!);
        Assert.Equal("pubkeyhash", (string)out0["type"]!);
        var out1 = json["vout"]![1]!["scriptPubKey"]!;
        Assert.Equal("OP_HASH160 2a5edea39971049a540474c6a99edf0aa4074c58 OP_EQUAL", (string)out1["asm"]!);
        Assert.Equal("addr(35Z3xG92YkW5Xo4ngQw6w5b3Ce6MDw94A8)#g494sew2", (string)out1["desc"]!);
        Assert.Equal("scripthash", (string)out1["type"]!);
        Assert.Equal("0.00007777", FormatsTestData.Write(json["vout"]![0]!["value"]));
        Assert.Equal("0.00142062", FormatsTestData.Write(json["vout"]![1]!["value"]));
    }

    [Fact]
    public void SighashDecodingCoversEachInputScriptForm()
    {
        // rpc_decodescript.py decoderawtransaction_asm_sighashtype: the P2PK, multisig and OP_RETURN scriptSig variants.
        var tx = TransactionDecoding.DecodeHexTx(MultisigSpendTx)!;
        var pushes = tx.Inputs[0].ScriptSig.ToOps().ToList();
        string signature = Convert.ToHexString(pushes[1].PushData).ToLowerInvariant();
        string der = signature[..^2];
        string pushSignature = "48" + signature;
        string pushSignature2 = "48" + der + "82";

        string AsmWith(string scriptSigHex)
        {
            tx.Inputs[0].ScriptSig = Script.FromBytesUnsafe(Convert.FromHexString(scriptSigHex));
            return (string)TransactionJson.TxToUniv(tx, Network.Main)["vin"]![0]!["scriptSig"]!["asm"]!;
        }

        Assert.Equal(der + "[ALL]", AsmWith(pushSignature));
        Assert.Equal(der + "[NONE|ANYONECANPAY]", AsmWith(pushSignature2));
        Assert.Equal("0 " + der + "[ALL] " + der + "[NONE|ANYONECANPAY]", AsmWith("00" + pushSignature + pushSignature2));
        Assert.Equal("OP_RETURN 3011020701010101010101020601010101010101", AsmWith("6a143011020701010101010101020601010101010101"));
    }

    [Fact]
    public void OutputsThatLookLikeSignaturesAreNotDecoded()
    {
        const string hex = "01000000015ded05872fdbda629c7d3d02b194763ce3b9b1535ea884e3c8e765d42e316724020000006b48304502204c10d4064885c42638cbff3585915b322de33762598321145ba033fc796971e2022100bb153ad3baa8b757e30a2175bd32852d2e1cb9080f84d7e32fcdfd667934ef1b012103163c0ff73511ea1743fb5b98384a2ff09dd06949488028fd819f4d83f56264efffffffff0200000000000000000b6a0930060201000201000180380100000000001976a9141cabd296e753837c086da7a45a6c2fe0d49d7b7b88ac00000000";
        var json = TransactionJson.TxToUniv(TransactionDecoding.DecodeHexTx(hex)!, Network.Main);
        Assert.Equal("OP_RETURN 300602010002010001", (string)json["vout"]![0]!["scriptPubKey"]!["asm"]!);
        Assert.Equal("nulldata", (string)json["vout"]![0]!["scriptPubKey"]!["type"]!);
        Assert.False(json["vout"]![0]!["scriptPubKey"]!.AsObject().ContainsKey("address"));
    }

    [Fact]
    public void CoinbaseInputShowsCoinbaseHexInsteadOfOutpoint()
    {
        var genesis = Network.Main.GetGenesis().Transactions[0];
        var vin = TransactionJson.TxToUniv(genesis, Network.Main)["vin"]![0]!.AsObject();
        Assert.Equal(["coinbase", "sequence"], vin.Select(p => p.Key));
        Assert.Equal(Convert.ToHexString(genesis.Inputs[0].ScriptSig.ToBytes(true)).ToLowerInvariant(), (string)vin["coinbase"]!);
        Assert.Equal("50.00000000", FormatsTestData.Write(TransactionJson.TxToUniv(genesis, Network.Main)["vout"]![0]!["value"]));
        // P2PK outputs have a descriptor but no address.
        var spk = TransactionJson.TxToUniv(genesis, Network.Main)["vout"]![0]!["scriptPubKey"]!.AsObject();
        Assert.Equal(["asm", "desc", "hex", "type"], spk.Select(p => p.Key));
        Assert.Equal("pubkey", (string)spk["type"]!);
    }

    [Fact]
    public void UndoDataAddsFeeAndPrevoutsOnlyAtVerbosityThree()
    {
        var tx = TransactionDecoding.DecodeHexTx(WitnessTx)!;
        var spentScript = Script.FromHex("0014751e76e8199196d454941c45d1b3a323f1433bd6");
        var spent = new[] { new SpentCoin(new TxOut(Money.Satoshis(100_010_000), spentScript), 120, IsCoinBase: true) };
        var blockHash = uint256.Parse("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");

        var details = TransactionJson.TxToUniv(tx, Network.RegTest, blockHash, includeHex: true, spent, TxVerbosity.ShowDetails);
        Assert.Equal(["txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin", "vout", "fee", "blockhash", "hex"], details.Select(p => p.Key));
        Assert.Equal("0.00010000", FormatsTestData.Write(details["fee"]));
        Assert.False(details["vin"]![0]!.AsObject().ContainsKey("prevout"));
        Assert.Equal(blockHash.ToString(), (string)details["blockhash"]!);

        var withPrevout = TransactionJson.TxToUniv(tx, Network.RegTest, null, includeHex: false, spent, TxVerbosity.ShowDetailsAndPrevout);
        var vin = withPrevout["vin"]![0]!.AsObject();
        Assert.Equal(["txid", "vout", "scriptSig", "txinwitness", "prevout", "sequence"], vin.Select(p => p.Key));
        Assert.Equal("{\"generated\":true,\"height\":120,\"value\":1.00010000,\"scriptPubKey\":{\"asm\":\"0 751e76e8199196d454941c45d1b3a323f1433bd6\"," +
            "\"desc\":\"" + (string)vin["prevout"]!["scriptPubKey"]!["desc"]! + "\",\"hex\":\"0014751e76e8199196d454941c45d1b3a323f1433bd6\"," +
            "\"address\":\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\",\"type\":\"witness_v0_keyhash\"}}", FormatsTestData.Write(vin["prevout"]));
        Assert.StartsWith("addr(bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080)#", (string)vin["prevout"]!["scriptPubKey"]!["desc"]!);
        Assert.False(withPrevout.ContainsKey("blockhash"));
        Assert.False(withPrevout.ContainsKey("hex"));
    }

    [Fact]
    public void ChangeOutputsAreMarked()
    {
        var tx = TransactionDecoding.DecodeHexTx(MultisigSpendTx)!;
        var json = TransactionJson.TxToUniv(tx, Network.Main, isChange: o => o.ScriptPubKey.IsScriptType(ScriptType.P2SH));
        Assert.False(json["vout"]![0]!.AsObject().ContainsKey("ischange"));
        Assert.Equal(["value", "n", "scriptPubKey", "ischange"], json["vout"]![1]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void VersionIsUnsigned()
    {
        var tx = Network.Main.CreateTransaction();
        tx.Version = 0xffffffff;
        Assert.Equal("4294967295", FormatsTestData.Write(TransactionJson.TxToUniv(tx, Network.Main)["version"]));
    }

    [Fact]
    public void UndoDataMustCoverEveryInput()
    {
        var tx = TransactionDecoding.DecodeHexTx(WitnessTx)!;
        Assert.Throws<ArgumentException>(() => TransactionJson.TxToUniv(tx, Network.Main, spentCoins: []));
    }
}
