using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Common.Tests.Formats.FormatsTestData;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's ConstructTransaction (createrawtransaction): rpc_rawtransaction.py and rpc_tests.cpp facts.</summary>
public class RawTransactionConstructionTests
{
    private const string Txid = "1d1d4e24ed99057e84c3f80fd8fbec79ed9e1acee37da269356ecea000000000";
    private const string Address = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private const string Address2 = "2N19tNw3Ss4L9QDERtCw7FhXb6jBsYmeXNu";

    private static Transaction Construct(string inputs, string outputs, JsonNode? locktime = null, bool? replaceable = null, uint version = 2)
        => RawTransactionConstruction.ConstructTransaction(ParseJson(inputs), ParseJson(outputs), locktime, replaceable, version, Network.RegTest);

    private static void AssertError(RpcErrorCode code, string message, string inputs, string outputs, JsonNode? locktime = null, bool? replaceable = null, uint version = 2)
        => AssertRpcError(code, message, () => Construct(inputs, outputs, locktime, replaceable, version));

    [Fact]
    public void InputErrorsAreCores()
    {
        Assert.Equal("JSON value of type string is not of expected type array",
            Assert.Throws<JsonTypeException>(() => Construct("\"foo\"", "{}")).Message);
        Assert.Equal("JSON value of type string is not of expected type object",
            Assert.Throws<JsonTypeException>(() => Construct("[\"foo\"]", "{}")).Message);
        Assert.Equal("JSON value of type null is not of expected type string",
            Assert.Throws<JsonTypeException>(() => Construct("[{}]", "{}")).Message);
        AssertError(RpcErrorCode.InvalidParameter, "txid must be of length 64 (not 3, for 'foo')", "[{\"txid\":\"foo\"}]", "{}");
        AssertError(RpcErrorCode.InvalidParameter, "txid must be hexadecimal string (not 'ZZZ7bb8b1697ea987f3b223ba7819250cae33efacb068d23dc24859824a77844')",
            "[{\"txid\":\"ZZZ7bb8b1697ea987f3b223ba7819250cae33efacb068d23dc24859824a77844\"}]", "{}");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, missing vout key", $"[{{\"txid\":\"{Txid}\"}}]", "{}");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, missing vout key", $"[{{\"txid\":\"{Txid}\",\"vout\":\"foo\"}}]", "{}");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, vout cannot be negative", $"[{{\"txid\":\"{Txid}\",\"vout\":-1}}]", "{}");
        foreach (string sequence in new[] { "-1", "4294967296" })
        {
            AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, sequence number is out of range",
                $"[{{\"txid\":\"{Txid}\",\"vout\":1,\"sequence\":{sequence}}}]", $"{{\"{Address}\":1}}");
        }
    }

    [Theory]
    [InlineData(1000u)]
    [InlineData(4294967294u)]
    public void GivenSequenceIsUsed(uint sequence)
    {
        var tx = Construct($"[{{\"txid\":\"{Txid}\",\"vout\":1,\"sequence\":{sequence}}}]", $"{{\"{Address}\":1}}");
        Assert.Equal(sequence, tx.Inputs[0].Sequence.Value);
        Assert.Equal(uint256.Parse(Txid), tx.Inputs[0].PrevOut.Hash);
        Assert.Equal(1u, tx.Inputs[0].PrevOut.N);
    }

    [Fact]
    public void DefaultSequenceFollowsReplaceableAndLocktime()
    {
        string input = $"[{{\"txid\":\"{Txid}\",\"vout\":0}}]";
        Assert.Equal(0xfffffffdu, Construct(input, "{}").Inputs[0].Sequence.Value);
        Assert.Equal(0xfffffffdu, Construct(input, "{}", replaceable: true).Inputs[0].Sequence.Value);
        Assert.Equal(0xffffffffu, Construct(input, "{}", replaceable: false).Inputs[0].Sequence.Value);
        var locked = Construct(input, "{}", JsonValue.Create(100), replaceable: false);
        Assert.Equal(0xfffffffeu, locked.Inputs[0].Sequence.Value);
        Assert.Equal(100u, locked.LockTime.Value);
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter combination: Sequence number(s) contradict replaceable option",
            $"[{{\"txid\":\"{Txid}\",\"vout\":0,\"sequence\":{0xfffffffeu}}}]", "{}", JsonValue.Create(0), replaceable: true);
    }

    [Fact]
    public void OutputErrorsAreCores()
    {
        Assert.Equal("JSON value of type string is not of expected type array",
            Assert.Throws<JsonTypeException>(() => Construct("[]", "\"foo\"")).Message);
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, output argument must be non-null", "[]", "null");
        AssertError(RpcErrorCode.InvalidParameter, "Data must be hexadecimal string (not 'foo')", "[]", "{\"data\":\"foo\"}");
        AssertError(RpcErrorCode.InvalidParameter, "Data must be hexadecimal string (not '12345')", "[]", "{\"data\":\"12345\"}");
        AssertError(RpcErrorCode.InvalidParameter, "Data must be hexadecimal string (not '12345g')", "[]", "{\"data\":\"12345g\"}");
        AssertError(RpcErrorCode.InvalidAddressOrKey, "Invalid Bitcoin address: foo", "[]", "{\"foo\":0}");
        // The amount is checked before the address (rpc_tests.cpp rpc_createraw_op_return's "somedata" key).
        AssertError(RpcErrorCode.TypeError, "Invalid amount", "[]", "{\"somedata\":\"68656c6c6f776f726c64\"}");
        AssertError(RpcErrorCode.InvalidAddressOrKey, "Invalid Bitcoin address: somedata", "[]", "{\"somedata\":1}");
        // A mainnet address on regtest is not valid.
        AssertError(RpcErrorCode.InvalidAddressOrKey, "Invalid Bitcoin address: 3HqAe9LtNBjnsfM4CyYaWTnvCaUYT7v4oZ", "[]", "{\"3HqAe9LtNBjnsfM4CyYaWTnvCaUYT7v4oZ\":1}");
        AssertError(RpcErrorCode.TypeError, "Invalid amount", "[]", $"{{\"{Address}\":\"foo\"}}");
        AssertError(RpcErrorCode.TypeError, "Amount out of range", "[]", $"{{\"{Address}\":-1}}");
        AssertError(RpcErrorCode.InvalidParameter, $"Invalid parameter, duplicated address: {Address}", "[]", $"{{\"{Address}\":1,\"{Address}\":1}}");
        AssertError(RpcErrorCode.InvalidParameter, $"Invalid parameter, duplicated address: {Address}", "[]", $"[{{\"{Address}\":1}},{{\"{Address}\":1}}]");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, duplicate key: data", "[]", "[{\"data\":\"aa\"},{\"data\":\"bb\"}]");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, duplicate key: data", "[]", "{\"data\":\"aa\",\"data\":\"bb\"}");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, key-value pair must contain exactly one key", "[]", "[{\"a\":1,\"b\":2}]");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, key-value pair must contain exactly one key", "[]", "[{\"a\":1,\"a\":2}]");
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, key-value pair not an object as expected", "[]", "[[\"key-value pair1\"],[\"2\"]]");
    }

    [Fact]
    public void LocktimeAndVersionErrorsAreCores()
    {
        Assert.Equal("JSON value of type string is not of expected type number",
            Assert.Throws<JsonTypeException>(() => Construct("[]", "{}", JsonValue.Create("foo"))).Message);
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, locktime out of range", "[]", "{}", JsonValue.Create(-1));
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, locktime out of range", "[]", "{}", JsonValue.Create(4294967296L));
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, version out of range(1~3)", "[]", "{}", version: 0);
        AssertError(RpcErrorCode.InvalidParameter, "Invalid parameter, version out of range(1~3)", "[]", "{}", version: 4);
        Assert.Equal(4294967295u, Construct("[]", "{}", JsonValue.Create(4294967295L)).LockTime.Value);
        Assert.Equal(3u, Construct("[]", "{}", version: 3).Version);
    }

    [Fact]
    public void EmptyInputsAndOutputsMakeAnEmptyTransaction()
    {
        Assert.Equal("02000000000000000000", TransactionDecoding.EncodeHexTx(Construct("[]", "{}")));
        Assert.Equal("02000000000000000000", TransactionDecoding.EncodeHexTx(Construct("null", "[]")));
    }

    [Fact]
    public void ObjectAndArrayOutputsGiveTheSameTransaction()
    {
        string input = $"[{{\"txid\":\"{Txid}\",\"vout\":9}}]";
        var fromObject = Construct(input, $"{{\"{Address}\":99,\"{Address2}\":0.5,\"data\":\"68656c6c6f776f726c64\"}}");
        var fromArray = Construct(input, $"[{{\"{Address}\":99}},{{\"{Address2}\":0.5}},{{\"data\":\"68656c6c6f776f726c64\"}}]");
        Assert.Equal(TransactionDecoding.EncodeHexTx(fromObject), TransactionDecoding.EncodeHexTx(fromArray));
        Assert.Equal(3, fromObject.Outputs.Count);
        Assert.Equal(Money.Coins(99), fromObject.Outputs[0].Value);
        Assert.Equal("0014751e76e8199196d454941c45d1b3a323f1433bd6", fromObject.Outputs[0].ScriptPubKey.ToHex());
        Assert.Equal(Money.Coins(0.5m), fromObject.Outputs[1].Value);
        Assert.True(fromObject.Outputs[1].ScriptPubKey.IsScriptType(ScriptType.P2SH));
        Assert.Equal(Money.Zero, fromObject.Outputs[2].Value);
        Assert.Equal("6a0a68656c6c6f776f726c64", fromObject.Outputs[2].ScriptPubKey.ToHex());
    }

    [Fact]
    public void LongDataOutputsUsePushdata()
    {
        // rpc_tests.cpp rpc_createraw_op_return: 81 bytes of data.
        string data = string.Concat(Enumerable.Range(1, 81).Select(i => (i % 100).ToString("d2", System.Globalization.CultureInfo.InvariantCulture)))[..162];
        var tx = Construct($"[{{\"txid\":\"a3b807410df0b60fcb9736768df5823938b2f838694939ba45f3c0a1bff150ed\",\"vout\":0}}]", $"{{\"data\":\"{data}\"}}");
        Assert.Equal("6a4c51" + data, tx.Outputs[0].ScriptPubKey.ToHex());
    }

    [Fact]
    public void ParseOutputsReturnsDestinationsInOrder()
    {
        var parsed = RawTransactionConstruction.ParseOutputs(RawTransactionConstruction.NormalizeOutputs(ParseJson($"{{\"{Address2}\":\"0.1\",\"{Address}\":2}}")), Network.RegTest);
        Assert.Equal([10_000_000L, 200_000_000L], parsed.Select(p => p.Amount));
        Assert.IsType<Bitcoin.Common.Addresses.ScriptHashDestination>(parsed[0].Destination);
        Assert.IsType<Bitcoin.Common.Addresses.WitnessV0KeyHashDestination>(parsed[1].Destination);
    }
}
