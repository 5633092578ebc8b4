using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's ParseHashV / ParseHexV / HexToPubKey messages (rpc_rawtransaction.py, rpc_createmultisig.py).</summary>
public class RpcValuesTests
{
    [Fact]
    public void HashesMustBe64HexDigits()
    {
        const string txid = "1d1d4e24ed99057e84c3f80fd8fbec79ed9e1acee37da269356ecea000000000";
        Assert.Equal(txid, RpcValues.ParseHashV(JsonValue.Create(txid), "txid").ToString());
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, "txid must be of length 64 (not 3, for 'foo')",
            () => RpcValues.ParseHashV(JsonValue.Create("foo"), "txid"));
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, "txid must be hexadecimal string (not 'ZZZ7bb8b1697ea987f3b223ba7819250cae33efacb068d23dc24859824a77844')",
            () => RpcValues.ParseHashV(JsonValue.Create("ZZZ7bb8b1697ea987f3b223ba7819250cae33efacb068d23dc24859824a77844"), "txid"));
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, "parameter 3 must be of length 64 (not 6, for 'foobar')",
            () => RpcValues.ParseHashV(JsonValue.Create("foobar"), "parameter 3"));
        var typeError = Assert.Throws<JsonTypeException>(() => RpcValues.ParseHashO(new JsonObject(), "txid"));
        Assert.Equal("JSON value of type null is not of expected type string", typeError.Message);
    }

    [Fact]
    public void HexMustBeNonEmptyEvenHexDigits()
    {
        Assert.Equal([0xab, 0xcd], RpcValues.ParseHexV(JsonValue.Create("abCD"), "Data"));
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, "Data must be hexadecimal string (not 'foo')",
            () => RpcValues.ParseHexV(JsonValue.Create("foo"), "Data"));
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, "Data must be hexadecimal string (not '12345')",
            () => RpcValues.ParseHexV(JsonValue.Create("12345"), "Data"));
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, "Data must be hexadecimal string (not '')",
            () => RpcValues.ParseHexV(JsonValue.Create(""), "Data"));
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, "scriptPubKey must be hexadecimal string (not '')",
            () => RpcValues.ParseHexO(new JsonObject(), "scriptPubKey"));
    }

    [Fact]
    public void PubKeysAreCheckedAsCore()
    {
        const string key = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
        Assert.Equal(key, RpcValues.HexToPubKey(key).ToHex());
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Pubkey \"zz\" must be a hex string", () => RpcValues.HexToPubKey("zz"));
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Pubkey \"0279be\" must have a length of either 33 or 65 bytes", () => RpcValues.HexToPubKey("0279be"));
        string offCurve = "02" + new string('0', 64);
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidAddressOrKey, $"Pubkey \"{offCurve}\" must be cryptographically valid.", () => RpcValues.HexToPubKey(offCurve));
        string badPrefix = "05" + key[2..];
        FormatsTestData.AssertRpcError(RpcErrorCode.InvalidAddressOrKey, $"Pubkey \"{badPrefix}\" must be cryptographically valid.", () => RpcValues.HexToPubKey(badPrefix));
    }
}
