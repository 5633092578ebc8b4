using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Common.Tests.Formats.FormatsTestData;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>
/// Core's signrawtransactionwithkey (rpc_signrawtransactionwithkey.py, rpc_createmultisig.py, rpc_tests.cpp rpc_rawsign):
/// results, error entries and argument errors. Signed inputs are checked with NBitcoin's script interpreter.
/// </summary>
public class RawTransactionSigningTests
{
    private const string SpendTxid = "1d1d4e24ed99057e84c3f80fd8fbec79ed9e1acee37da269356ecea000000000";
    private static readonly Key[] Keys = Enumerable.Range(1, 3).Select(i => new Key(Enumerable.Repeat((byte)(0x40 + i), 32).ToArray())).ToArray();

    private static readonly Func<IReadOnlyList<OutPoint>, IReadOnlyDictionary<OutPoint, TxOut>> NoCoins = _ => new Dictionary<OutPoint, TxOut>();

    private static JsonObject Sign(string hex, string[] wifs, string? prevTxs, Network network, string? sighash = null,
        Func<IReadOnlyList<OutPoint>, IReadOnlyDictionary<OutPoint, TxOut>>? findCoins = null)
        => RawTransactionSigning.SignRawTransactionWithKey(hex, new JsonArray(wifs.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
            prevTxs is null ? null : ParseJson(prevTxs), sighash is null ? null : JsonValue.Create(sighash), findCoins ?? NoCoins, network);

    private static string CreateRaw(string inputs, string outputs, Network network)
        => TransactionDecoding.EncodeHexTx(RawTransactionConstruction.ConstructTransaction(ParseJson(inputs), ParseJson(outputs), null, null, 2, network));

    private static void AssertInputVerifies(JsonObject result, int index, TxOut spent)
    {
        var tx = Transaction.Parse((string)result["hex"]!, Network.Main);
        var input = tx.Inputs.AsIndexedInputs().ElementAt(index);
        Assert.True(input.VerifyScript(spent, ScriptVerify.Standard, out var error), $"input {index}: {error}");
    }

    [Fact]
    public void P2shMultisigSignsWithBothKeysAndStaysIncompleteWithoutThem()
    {
        // rpc_tests.cpp rpc_rawsign (mainnet): a 1-of-2 P2SH input; the prevout carries no amount.
        const string prevout = "[{\"txid\":\"b4cc287e58f87cdae59417329f710f3ecd75a4ee1d2872b7248f50977c8493f3\",\"vout\":1,\"scriptPubKey\":\"a914b10c9df5f7edf436c697f02f1efdba4cf399615187\",\"redeemScript\":\"512103debedc17b3df2badbcdd86d5feb4562b86fe182e5998abd8bcd4f122c6155b1b21027e940bb73ab8732bfdf7f9216ecefca5b94d6df834e77e108f68e66f126044c052ae\"}]";
        string unsigned = CreateRaw(prevout, "{\"3HqAe9LtNBjnsfM4CyYaWTnvCaUYT7v4oZ\":11}", Network.Main);

        var none = Sign(unsigned, [], prevout, Network.Main);
        Assert.False((bool)none["complete"]!);
        Assert.Equal(["hex", "complete", "errors"], none.Select(p => p.Key));

        var both = Sign(unsigned, ["KzsXybp9jX64P5ekX1KUxRQ79Jht9uzW7LorgwE65i5rWACL6LQe", "Kyhdf5LuKTRx4ge69ybABsiUAWjVRK4XGxAKk2FQLp2HjGMy87Z4"], prevout, Network.Main);
        Assert.True((bool)both["complete"]!);
        Assert.Equal(["hex", "complete"], both.Select(p => p.Key));
        AssertInputVerifies(both, 0, new TxOut(Money.Coins(1), Script.FromHex("a914b10c9df5f7edf436c697f02f1efdba4cf399615187")));
    }

    private const string Inputs = "[{\"txid\":\"9b907ef1e3c26fc71fe4a4b3580bc75264112f95050014157059c736f0202e71\",\"vout\":0,\"scriptPubKey\":\"76a91460baa0f494b38ce3c940dea67f3804dc52d1fb9488ac\"}," +
        "{\"txid\":\"83a4f6a6b73660e13ee6cb3c6063fa3759c50c9b7521d0536022961898f4fb02\",\"vout\":0,\"scriptPubKey\":\"76a914669b857c03a5ed269d5d85a1ffac9ed5d663072788ac\"}]";
    private const string Outputs = "{\"mpLQjfK79b7CCV4VMJWEWAj5Mpx8Up5zxB\":0.1}";
    private static readonly string[] InputKeys = ["cUeKHd5orzT3mz8P9pxyREHfsWtVfgsfDjiZZBcjUBAaGk1BTj7N", "cVKpPfVKSJxKqVpE9awvXNWuLHCa5j5tiE7K6zbUSptFpTEtiFrA"];

    [Fact]
    public void P2pkhInputsSignCompletely()
    {
        var result = Sign(CreateRaw(Inputs, Outputs, Network.RegTest), InputKeys, Inputs, Network.RegTest);
        Assert.True((bool)result["complete"]!);
        Assert.False(result.ContainsKey("errors"));
        AssertInputVerifies(result, 0, new TxOut(Money.Coins(1), Script.FromHex("76a91460baa0f494b38ce3c940dea67f3804dc52d1fb9488ac")));
        AssertInputVerifies(result, 1, new TxOut(Money.Coins(1), Script.FromHex("76a914669b857c03a5ed269d5d85a1ffac9ed5d663072788ac")));
    }

    [Fact]
    public void MissingKeyAndMissingCoinAreReportedPerInput()
    {
        string unsigned = CreateRaw(Inputs, Outputs, Network.RegTest);
        // Only the first input's key, and only the first input's coin.
        var oneKey = Sign(unsigned, [InputKeys[0]], Inputs, Network.RegTest);
        Assert.False((bool)oneKey["complete"]!);
        var error = oneKey["errors"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["txid", "vout", "witness", "scriptSig", "sequence", "error"], error.Select(p => p.Key));
        Assert.Equal("{\"txid\":\"83a4f6a6b73660e13ee6cb3c6063fa3759c50c9b7521d0536022961898f4fb02\",\"vout\":0,\"witness\":[],\"scriptSig\":\"\",\"sequence\":4294967293," +
            "\"error\":\"Unable to sign input, invalid stack size (possibly missing key)\"}", Write(error));

        var firstCoinOnly = Sign(unsigned, InputKeys, "[" + ParseJson(Inputs)![0]!.ToJsonString() + "]", Network.RegTest);
        Assert.False((bool)firstCoinOnly["complete"]!);
        var missing = firstCoinOnly["errors"]!.AsArray().Single()!;
        Assert.Equal("Input not found or already spent", (string)missing["error"]!);
        Assert.Equal(0u, (uint)missing["vout"]!);
        Assert.Equal("83a4f6a6b73660e13ee6cb3c6063fa3759c50c9b7521d0536022961898f4fb02", (string)missing["txid"]!);
    }

    [Fact]
    public void CoinsFromTheNodeAreUsedAndPrevtxsMustAgreeWithThem()
    {
        string unsigned = CreateRaw(Inputs, Outputs, Network.RegTest);
        var first = new OutPoint(uint256.Parse("9b907ef1e3c26fc71fe4a4b3580bc75264112f95050014157059c736f0202e71"), 0);
        var second = new OutPoint(uint256.Parse("83a4f6a6b73660e13ee6cb3c6063fa3759c50c9b7521d0536022961898f4fb02"), 0);
        IReadOnlyDictionary<OutPoint, TxOut> Utxos(IReadOnlyList<OutPoint> wanted)
        {
            Assert.Equal([first, second], wanted);
            return new Dictionary<OutPoint, TxOut>
            {
                [first] = new TxOut(Money.Coins(1), Script.FromHex("76a91460baa0f494b38ce3c940dea67f3804dc52d1fb9488ac")),
                [second] = new TxOut(Money.Coins(1), Script.FromHex("76a914669b857c03a5ed269d5d85a1ffac9ed5d663072788ac")),
            };
        }
        Assert.True((bool)Sign(unsigned, InputKeys, null, Network.RegTest, findCoins: Utxos)["complete"]!);

        const string conflicting = "[{\"txid\":\"9b907ef1e3c26fc71fe4a4b3580bc75264112f95050014157059c736f0202e71\",\"vout\":0,\"scriptPubKey\":\"51\"}]";
        AssertRpcError(RpcErrorCode.DeserializationError,
            "Previous output scriptPubKey mismatch:\nOP_DUP OP_HASH160 60baa0f494b38ce3c940dea67f3804dc52d1fb94 OP_EQUALVERIFY OP_CHECKSIG\nvs:\n1",
            () => Sign(unsigned, InputKeys, conflicting, Network.RegTest, findCoins: Utxos));
    }

    [Fact]
    public void ArgumentErrorsAreCores()
    {
        string unsigned = CreateRaw(Inputs, Outputs, Network.RegTest);
        AssertRpcError(RpcErrorCode.InvalidParameter, "'all' is not a valid sighash parameter.", () => Sign(unsigned, InputKeys, Inputs, Network.RegTest, "all"));
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Invalid private key", () => Sign(unsigned, ["123"], Inputs, Network.RegTest));
        // A mainnet key is not valid on regtest.
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Invalid private key", () => Sign(unsigned, ["KzsXybp9jX64P5ekX1KUxRQ79Jht9uzW7LorgwE65i5rWACL6LQe"], Inputs, Network.RegTest));
        AssertRpcError(RpcErrorCode.DeserializationError, "TX decode failed. Make sure the tx has at least one input.", () => Sign(unsigned + "00", InputKeys, Inputs, Network.RegTest));
    }

    [Theory]
    [InlineData("[1]", RpcErrorCode.DeserializationError, "expected object with {\"txid'\",\"vout\",\"scriptPubKey\"}")]
    [InlineData("[{\"txid\":\"" + SpendTxid + "\",\"vout\":0}]", RpcErrorCode.TypeError, "Missing scriptPubKey")]
    [InlineData("[{\"vout\":0,\"scriptPubKey\":\"51\"}]", RpcErrorCode.TypeError, "Missing txid")]
    [InlineData("[{\"txid\":\"" + SpendTxid + "\",\"scriptPubKey\":\"51\"}]", RpcErrorCode.TypeError, "Missing vout")]
    [InlineData("[{\"txid\":\"" + SpendTxid + "\",\"vout\":\"0\",\"scriptPubKey\":\"51\"}]", RpcErrorCode.TypeError, "JSON value of type string for field vout is not of expected type number")]
    [InlineData("[{\"txid\":\"" + SpendTxid + "\",\"vout\":-1,\"scriptPubKey\":\"51\"}]", RpcErrorCode.DeserializationError, "vout cannot be negative")]
    [InlineData("[{\"txid\":\"" + SpendTxid + "\",\"vout\":0,\"scriptPubKey\":\"5\"}]", RpcErrorCode.InvalidParameter, "scriptPubKey must be hexadecimal string (not '5')")]
    [InlineData("[{\"txid\":\"" + SpendTxid + "\",\"vout\":0,\"scriptPubKey\":\"51\",\"amount\":\"x\"}]", RpcErrorCode.TypeError, "Invalid amount")]
    [InlineData("[{\"txid\":\"" + SpendTxid + "\",\"vout\":0,\"scriptPubKey\":\"a914b10c9df5f7edf436c697f02f1efdba4cf399615187\",\"redeemScript\":5}]", RpcErrorCode.TypeError, "JSON value of type number for field redeemScript is not of expected type string")]
    public void PrevtxsErrorsAreCores(string prevTxs, RpcErrorCode code, string message)
    {
        string unsigned = CreateRaw($"[{{\"txid\":\"{SpendTxid}\",\"vout\":0}}]", "{\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\":1}", Network.RegTest);
        AssertRpcError(code, message, () => Sign(unsigned, [], prevTxs, Network.RegTest));
    }

    private static string Hex(Script s) => s.ToHex();

    [Fact]
    public void P2shP2wshMultisigNeedsItsScriptsAndSignsWithThem()
    {
        var pubkey = Keys[0].PubKey;
        var created = MultisigCreation.CreateMultisig(1, [pubkey.ToHex()], "p2sh-segwit", Network.RegTest);
        var witnessScript = new Script(Convert.FromHexString((string)created["redeemScript"]!));
        var redeemScript = witnessScript.WitHash.ScriptPubKey;
        var spk = redeemScript.Hash.ScriptPubKey;
        string unsigned = CreateRaw($"[{{\"txid\":\"{SpendTxid}\",\"vout\":0}}]", "{\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\":49.998}", Network.RegTest);
        string wif = Keys[0].GetWif(Network.RegTest).ToString();
        string Prev(string extra) => $"[{{\"txid\":\"{SpendTxid}\",\"vout\":0,\"scriptPubKey\":\"{Hex(spk)}\",\"amount\":49.999{extra}}}]";

        AssertRpcError(RpcErrorCode.InvalidParameter, "Missing redeemScript/witnessScript", () => Sign(unsigned, [wif], Prev(""), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "redeemScript does not correspond to witnessScript",
            () => Sign(unsigned, [wif], Prev($",\"witnessScript\":\"{Hex(witnessScript)}\",\"redeemScript\":\"6a\""), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "redeemScript/witnessScript does not match scriptPubKey",
            () => Sign(unsigned, [wif], Prev(",\"redeemScript\":\"6a\""), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "redeemScript/witnessScript does not match scriptPubKey",
            () => Sign(unsigned, [wif], Prev(",\"witnessScript\":\"6a\""), Network.RegTest));

        // The witness script alone, both scripts, or the redeem script (the multisig, accepted as the witness script) all work.
        foreach (string extra in new[]
        {
            $",\"witnessScript\":\"{Hex(witnessScript)}\"",
            $",\"witnessScript\":\"{Hex(witnessScript)}\",\"redeemScript\":\"{Hex(redeemScript)}\"",
            $",\"redeemScript\":\"{Hex(witnessScript)}\"",
        })
        {
            var result = Sign(unsigned, [wif], Prev(extra), Network.RegTest);
            Assert.True((bool)result["complete"]!, Write(result));
            AssertInputVerifies(result, 0, new TxOut(Money.Coins(49.999m), spk));
        }
    }

    [Theory]
    [InlineData("P2PKH")]
    [InlineData("P2PK")]
    public void SingleKeyWitnessScriptsInsideP2shP2wshSign(string kind)
    {
        var pubkey = Keys[1].PubKey;
        var witnessScript = kind == "P2PKH" ? pubkey.Hash.ScriptPubKey : pubkey.ScriptPubKey;
        var redeemScript = witnessScript.WitHash.ScriptPubKey;
        var spk = redeemScript.Hash.ScriptPubKey;
        string unsigned = CreateRaw($"[{{\"txid\":\"{SpendTxid}\",\"vout\":0}}]", "{\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\":9.999}", Network.RegTest);
        string prev = $"[{{\"txid\":\"{SpendTxid}\",\"vout\":0,\"scriptPubKey\":\"{Hex(spk)}\",\"redeemScript\":\"{Hex(redeemScript)}\",\"witnessScript\":\"{Hex(witnessScript)}\",\"amount\":10}}]";
        var result = Sign(unsigned, [Keys[1].GetWif(Network.RegTest).ToString()], prev, Network.RegTest);
        Assert.True((bool)result["complete"]!);
        AssertInputVerifies(result, 0, new TxOut(Money.Coins(10), spk));
    }

    [Fact]
    public void PayToAnchorNeedsNoSignature()
    {
        string unsigned = CreateRaw($"[{{\"txid\":\"{SpendTxid}\",\"vout\":0}}]", "{\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\":49.998}", Network.RegTest);
        var anchor = new TxOut(Money.Coins(49.999m), Script.FromHex("51024e73"));
        var result = Sign(unsigned, [], "[]", Network.RegTest, findCoins: _ => new Dictionary<OutPoint, TxOut> { [new OutPoint(uint256.Parse(SpendTxid), 0)] = anchor });
        Assert.True((bool)result["complete"]!);
        Assert.False(result.ContainsKey("errors"));
        Assert.Equal(unsigned, (string)result["hex"]!);
    }

    [Fact]
    public void SegwitInputWithoutAmountIsAnError()
    {
        var spk = Keys[0].PubKey.WitHash.ScriptPubKey;
        string unsigned = CreateRaw($"[{{\"txid\":\"{SpendTxid}\",\"vout\":0}}]", "{\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\":1}", Network.RegTest);
        string prev = $"[{{\"txid\":\"{SpendTxid}\",\"vout\":0,\"scriptPubKey\":\"{Hex(spk)}\"}}]";
        AssertRpcError(RpcErrorCode.TypeError, $"Missing amount for CTxOut(nValue=21000000.00000000, scriptPubKey={Hex(spk)[..30]})",
            () => Sign(unsigned, [Keys[0].GetWif(Network.RegTest).ToString()], prev, Network.RegTest));

        var signed = Sign(unsigned, [Keys[0].GetWif(Network.RegTest).ToString()], prev.Replace("}]", ",\"amount\":1.5}]", StringComparison.Ordinal), Network.RegTest);
        Assert.True((bool)signed["complete"]!);
        AssertInputVerifies(signed, 0, new TxOut(Money.Coins(1.5m), spk));
    }

    [Fact]
    public void PartialMultisigSignaturesAreReportedAndCompletedBySigningAgain()
    {
        var pubkeys = Keys.Select(k => k.PubKey.ToHex()).ToArray();
        var created = MultisigCreation.CreateMultisig(2, pubkeys, "bech32", Network.RegTest);
        var witnessScript = new Script(Convert.FromHexString((string)created["redeemScript"]!));
        var spk = witnessScript.WitHash.ScriptPubKey;
        string unsigned = CreateRaw($"[{{\"txid\":\"{SpendTxid}\",\"vout\":0}}]", "{\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\":0.00002}", Network.RegTest);
        string prev = $"[{{\"txid\":\"{SpendTxid}\",\"vout\":0,\"scriptPubKey\":\"{Hex(spk)}\",\"redeemScript\":\"{Hex(witnessScript)}\",\"amount\":0.00004}}]";

        var partial = Sign(unsigned, [Keys[0].GetWif(Network.RegTest).ToString()], prev, Network.RegTest);
        Assert.False((bool)partial["complete"]!);
        var error = partial["errors"]!.AsArray().Single()!;
        Assert.Equal("CHECK(MULTI)SIG failing with non-zero signature (possibly need more signatures)", (string)error["error"]!);
        // The witness holds the dummy, the one signature, an empty slot for the missing one, and the script.
        var witness = error["witness"]!.AsArray().Select(n => (string)n!).ToArray();
        Assert.Equal(4, witness.Length);
        Assert.Equal("", witness[0]);
        Assert.Equal("", witness[2]);
        Assert.Equal(Hex(witnessScript), witness[3]);

        var completed = Sign((string)partial["hex"]!, [Keys[2].GetWif(Network.RegTest).ToString()], prev, Network.RegTest);
        Assert.True((bool)completed["complete"]!, Write(completed));
        AssertInputVerifies(completed, 0, new TxOut(Money.Satoshis(4000), spk));
    }

    [Fact]
    public void OtherScriptFailuresUseCoresScriptErrorText()
    {
        string unsigned = CreateRaw($"[{{\"txid\":\"{SpendTxid}\",\"vout\":0}}]", "{\"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\":1}", Network.RegTest);

        // P2WPKH without its key: the witness stays empty, which Core's interpreter reports as a mismatch (not two items).
        string p2wpkh = $"[{{\"txid\":\"{SpendTxid}\",\"vout\":0,\"scriptPubKey\":\"{Hex(Keys[0].PubKey.WitHash.ScriptPubKey)}\",\"amount\":2}}]";
        Assert.Equal("Witness program hash mismatch", (string)Sign(unsigned, [], p2wpkh, Network.RegTest)["errors"]![0]!["error"]!);

        // A 1-of-1 P2WSH multisig without its key: the dummy, an empty signature and the script fail to evaluate true.
        var witnessScript = new Script(Convert.FromHexString((string)MultisigCreation.CreateMultisig(1, [Keys[0].PubKey.ToHex()], "bech32", Network.RegTest)["redeemScript"]!));
        string p2wsh = $"[{{\"txid\":\"{SpendTxid}\",\"vout\":0,\"scriptPubKey\":\"{Hex(witnessScript.WitHash.ScriptPubKey)}\",\"witnessScript\":\"{Hex(witnessScript)}\",\"amount\":2}}]";
        var error = Sign(unsigned, [], p2wsh, Network.RegTest)["errors"]![0]!;
        Assert.Equal("Script evaluated without error but finished with a false/empty top stack element", (string)error["error"]!);
        Assert.Equal(["", "", Hex(witnessScript)], error["witness"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void SighashTypeIsApplied()
    {
        var result = Sign(CreateRaw(Inputs, Outputs, Network.RegTest), InputKeys, Inputs, Network.RegTest, "ALL|ANYONECANPAY");
        Assert.True((bool)result["complete"]!);
        var tx = Transaction.Parse((string)result["hex"]!, Network.RegTest);
        var signature = tx.Inputs[0].ScriptSig.ToOps().First().PushData;
        Assert.Equal(0x81, signature[^1]);
        AssertInputVerifies(result, 0, new TxOut(Money.Coins(1), Script.FromHex("76a91460baa0f494b38ce3c940dea67f3804dc52d1fb9488ac")));
    }

    [Fact]
    public void TxOutToStringMatchesCore()
    {
        Assert.Equal("CTxOut(nValue=0.00004000, scriptPubKey=0014751e76e8199196d454941c45d1)",
            RawTransactionSigning.TxOutToString(new TxOut(Money.Satoshis(4000), Script.FromHex("0014751e76e8199196d454941c45d1b3a323f1433bd6"))));
        Assert.Equal("CTxOut(nValue=50.00000000, scriptPubKey=51)", RawTransactionSigning.TxOutToString(new TxOut(Money.Coins(50), Script.FromHex("51"))));
    }
}
