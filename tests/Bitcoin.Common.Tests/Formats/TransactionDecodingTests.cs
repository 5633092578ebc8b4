using Bitcoin.Common.Formats;
using Bitcoin.Common.Tests.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's DecodeHexTx (with its witness/no-witness heuristic), DecodeHexBlockHeader and DecodeHexBlk.</summary>
public class TransactionDecodingTests
{
    private const string WitnessTx = "010000000001010000000000000072c1a6a246ae63f74f931e8365e15a089c68d61900000000000000000000ffffffff0100e1f50500000000000102616100000000";
    private const string LegacyTx = "01000000010000000000000072c1a6a246ae63f74f931e8365e15a089c68d61900000000000000000000ffffffff0100e1f505000000000000000000";

    [Theory]
    [InlineData("tx_valid.json")]
    [InlineData("tx_invalid.json")]
    public void EveryCoreTestTransactionDecodesAndReencodesIdentically(string file)
    {
        int count = 0;
        foreach (var row in CoreTestData.LoadArray(file))
        {
            var a = row!.AsArray();
            if (a.Count < 3) continue; // comments
            string hex = (string)a[1]!;
            var tx = TransactionDecoding.DecodeHexTx(hex);
            Assert.NotNull(tx);
            Assert.Equal(hex, TransactionDecoding.EncodeHexTx(tx));
            Assert.Equal(Transaction.Parse(hex, Network.Main).GetHash(), tx.GetHash());
            count++;
        }
        Assert.True(count > 90);
    }

    [Fact]
    public void WitnessTransactionDecodesOnlyWithWitnessAllowed()
    {
        var tx = TransactionDecoding.DecodeHexTx(WitnessTx, tryNoWitness: false, tryWitness: true);
        Assert.NotNull(tx);
        Assert.Equal(100_000_000, tx.Outputs[0].Value.Satoshi);
        Assert.Equal(["6161"], tx.Inputs[0].WitScript.Pushes.Select(p => Convert.ToHexString(p).ToLowerInvariant()));
        Assert.Null(TransactionDecoding.DecodeHexTx(WitnessTx, tryNoWitness: true, tryWitness: false));
    }

    [Fact]
    public void LegacyTransactionDecodesWithoutWitness()
    {
        var tx = TransactionDecoding.DecodeHexTx(LegacyTx, tryNoWitness: true, tryWitness: false);
        Assert.NotNull(tx);
        Assert.Equal(100_000_000, tx.Outputs[0].Value.Satoshi);
        Assert.Equal(LegacyTx, TransactionDecoding.EncodeHexTx(TransactionDecoding.DecodeHexTx(LegacyTx)!));
    }

    [Fact]
    public void AmbiguousCoinbaseIsDecodedAsWitnessTransaction()
    {
        // Core issue 20579: a mainnet coinbase that also parses without witness; rpc_rawtransaction.py expects the witness reading.
        const string coinbase = "03c68708046ff8415c622f4254432e434f4d2ffabe6d6de1965d02c68f928e5b244ab1965115a36f56eb997633c7f690124bbf43644e23080000000ca3d3af6d005a65ff0200fd00000000";
        string hex = "020000000001010000000000000000000000000000000000000000000000000000000000000000ffffffff4b" + coinbase +
            "ffffffff03f4c1fb4b0000000016001497cfc76442fe717f2a3f0cc9c175f7561b6619970000000000000000266a24aa21a9ed957d1036a80343e0d1b659497e1b48a38ebe876a056d45965fac4a85cda84e1900000000000000002952534b424c4f434b3a8e092581ab01986cbadc84f4b43f4fa4bb9e7a2e2a0caf9b7cf64d939028e22c0120000000000000000000000000000000000000000000000000000000000000000000000000";
        var tx = TransactionDecoding.DecodeHexTx(hex);
        Assert.NotNull(tx);
        Assert.True(tx.IsCoinBase);
        Assert.Equal(coinbase, Convert.ToHexString(tx.Inputs[0].ScriptSig.ToBytes(true)).ToLowerInvariant());
        Assert.Equal(3, tx.Outputs.Count);
        Assert.Null(TransactionDecoding.DecodeHexTx(hex, tryNoWitness: true, tryWitness: false));
    }

    [Fact]
    public void LegacyReadingWinsWhenOnlyItHasSaneScripts()
    {
        // Both readings consume every byte: legacy sees no inputs and one output of 1 satoshi whose script is one push;
        // extended sees the marker, one input whose scriptSig is the invalid opcode 0xff, and a witness. Core keeps the
        // reading whose scripts are valid.
        const string hex = "0100000000010100000000000000264c24000000000000000000000000000000000000000000000000000001ffffffffff000101ab00000000";
        var either = TransactionDecoding.DecodeHexTx(hex);
        Assert.NotNull(either);
        Assert.Empty(either.Inputs);
        Assert.Equal(1, either.Outputs.Single().Value.Satoshi);

        var extended = TransactionDecoding.DecodeHexTx(hex, tryNoWitness: false, tryWitness: true);
        Assert.NotNull(extended);
        Assert.Equal("ff", Convert.ToHexString(extended.Inputs.Single().ScriptSig.ToBytes(true)).ToLowerInvariant());
        Assert.Equal(["ab"], extended.Inputs[0].WitScript.Pushes.Select(p => Convert.ToHexString(p).ToLowerInvariant()));
    }

    [Theory]
    [InlineData(0x80000000u)]
    [InlineData(0x7fffffffu)]
    [InlineData(0u)]
    [InlineData(0xffffffffu)]
    public void EmptyTransactionsOfAnyVersionDecode(uint version)
    {
        var tx = Network.Main.CreateTransaction();
        tx.Version = version;
        string hex = Convert.ToHexString(TransactionDecoding.Serialize(tx)).ToLowerInvariant();
        Assert.Equal(Convert.ToHexString(BitConverter.GetBytes(version)).ToLowerInvariant() + "000000000000", hex);
        var decoded = TransactionDecoding.DecodeHexTx(hex);
        Assert.NotNull(decoded);
        Assert.Equal(version, decoded.Version);
        Assert.Equal(hex, TransactionDecoding.EncodeHexTx(decoded));
    }

    [Fact]
    public void SerializationMatchesNBitcoinForTransactionsWithInputs()
    {
        foreach (var row in CoreTestData.LoadArray("tx_valid.json").Take(40))
        {
            var a = row!.AsArray();
            if (a.Count < 3) continue;
            var tx = Transaction.Parse((string)a[1]!, Network.Main);
            Assert.Equal(tx.ToBytes(), TransactionDecoding.Serialize(tx));
            Assert.Equal(tx.WithOptions(TransactionOptions.None).ToBytes(), TransactionDecoding.Serialize(tx, includeWitness: false));
        }
    }

    [Theory]
    [InlineData(WitnessTx + "00")] // a trailing byte (rpc_signrawtransactionwithkey.py)
    [InlineData("")]
    [InlineData("0")]
    [InlineData("zz")]
    [InlineData("01000000")]
    // Marker and flag 1 with every witness stack empty: Core's "Superfluous witness record".
    [InlineData("010000000001010000000000000072c1a6a246ae63f74f931e8365e15a089c68d61900000000000000000000ffffffff0100e1f505000000000000000000000000")]
    // Flag 2: "Unknown transaction optional data".
    [InlineData("010000000002010000000000000072c1a6a246ae63f74f931e8365e15a089c68d61900000000000000000000ffffffff0100e1f50500000000000102616100000000")]
    public void MalformedTransactionsDoNotDecode(string hex)
        => Assert.Null(TransactionDecoding.DecodeHexTx(hex));

    [Fact]
    public void RpcTestsRawTransactionDecodes()
    {
        // rpc_tests.cpp rpc_rawparams: decoderawtransaction with and without "iswitness" false; DEADBEEF is rejected.
        const string raw = "0100000001a15d57094aa7a21a28cb20b59aab8fc7d1149a3bdbcddba9c622e4f5f6a99ece010000006c493046022100f93bb0e7d8db7bd46e40132d1f8242026e045f03a0efe71bbb8e3f475e970d790221009337cd7f1f929f00cc6ff01f03729b069a7c21b59b1736ddfee5db5946c5da8c0121033b9b137ee87d5a812d6f506efdd37f0affa7ffc310711c06c7f3e097c9447c52ffffffff0100e1f505000000001976a9140389035a9225b3839e2bbf32d826a1e222031fd888ac00000000";
        foreach (var tx in new[] { TransactionDecoding.DecodeHexTx(raw), TransactionDecoding.DecodeHexTx(raw, tryNoWitness: true, tryWitness: false) })
        {
            Assert.NotNull(tx);
            var json = TransactionJson.TxToUniv(tx, Network.Main);
            Assert.Equal(193, (int)json["size"]!);
            Assert.Equal(1u, (uint)json["version"]!);
            Assert.Equal(0u, (uint)json["locktime"]!);
        }
        Assert.Null(TransactionDecoding.DecodeHexTx("DEADBEEF"));
    }

    [Fact]
    public void BlocksAndHeadersDecode()
    {
        var genesis = Network.Main.GetGenesis();
        string hex = Convert.ToHexString(genesis.ToBytes());
        var block = TransactionDecoding.DecodeHexBlock(hex, Network.Main);
        Assert.NotNull(block);
        Assert.Equal(genesis.GetHash(), block.GetHash());
        Assert.Single(block.Transactions);
        Assert.Equal(genesis.Transactions[0].GetHash(), block.Transactions[0].GetHash());

        var header = TransactionDecoding.DecodeHexBlockHeader(hex[..160]);
        Assert.NotNull(header);
        Assert.Equal(genesis.GetHash(), header.GetHash());
        Assert.Null(TransactionDecoding.DecodeHexBlockHeader(hex[..158]));
        Assert.Null(TransactionDecoding.DecodeHexBlock(hex[..(hex.Length - 2)], Network.Main));
        Assert.Null(TransactionDecoding.DecodeHexBlock("xx" + hex[2..], Network.Main));
    }
}
