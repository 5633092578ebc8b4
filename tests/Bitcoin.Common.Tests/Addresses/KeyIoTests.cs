using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Tests.Addresses;

/// <summary>Core's key_io_tests over key_io_valid.json / key_io_invalid.json.</summary>
public class KeyIoTests
{
    public static TheoryData<string, string, string, bool, bool, bool> ValidVectors()
    {
        var data = new TheoryData<string, string, string, bool, bool, bool>();
        foreach (var test in CoreTestData.LoadArray("key_io_valid.json"))
        {
            var arr = test!.AsArray();
            var meta = arr[2]!.AsObject();
            data.Add((string)arr[0]!, (string)arr[1]!, (string)meta["chain"]!, (bool)meta["isPrivkey"]!,
                meta["isCompressed"] is JsonNode c && (bool)c, meta["tryCaseFlip"] is JsonNode f && (bool)f);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidVectors))]
    public void ParsesValidVector(string encoded, string payloadHex, string chain, bool isPrivkey, bool isCompressed, bool tryCaseFlip)
    {
        var network = CoreTestData.NetworkFor(chain);
        if (isPrivkey)
        {
            var key = AddressEncoding.DecodeSecret(encoded, network);
            Assert.NotNull(key);
            Assert.Equal(isCompressed, key.IsCompressed);
            Assert.Equal(payloadHex, Convert.ToHexString(key.ToBytes()).ToLowerInvariant());
            Assert.False(AddressEncoding.DecodeDestination(encoded, network).IsValid);
        }
        else
        {
            var result = AddressEncoding.DecodeDestination(encoded, network);
            Assert.True(result.IsValid, result.Error);
            Assert.Equal("", result.Error);
            Assert.Equal(payloadHex, Convert.ToHexString(result.Destination.ScriptBytes).ToLowerInvariant());

            var flipped = new string(encoded.Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c)
                : char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c).ToArray());
            var flippedResult = AddressEncoding.DecodeDestination(flipped, network);
            Assert.Equal(tryCaseFlip, flippedResult.IsValid);
            if (flippedResult.IsValid)
                Assert.Equal(payloadHex, Convert.ToHexString(flippedResult.Destination.ScriptBytes).ToLowerInvariant());
            Assert.Null(AddressEncoding.DecodeSecret(flipped, network));
        }
    }

    [Theory]
    [MemberData(nameof(ValidVectors))]
    public void GeneratesValidVector(string encoded, string payloadHex, string chain, bool isPrivkey, bool isCompressed, bool tryCaseFlip)
    {
        _ = tryCaseFlip;
        var network = CoreTestData.NetworkFor(chain);
        if (isPrivkey)
        {
            var key = new Key(Convert.FromHexString(payloadHex), -1, isCompressed);
            Assert.Equal(encoded, AddressEncoding.EncodeSecret(key, network));
        }
        else
        {
            var script = Script.FromBytesUnsafe(Convert.FromHexString(payloadHex));
            Assert.True(ScriptSolver.TryExtractDestination(script, out var destination));
            Assert.Equal(encoded, AddressEncoding.EncodeDestination(destination, network));
        }
    }

    public static TheoryData<string> InvalidVectors()
    {
        var data = new TheoryData<string>();
        foreach (var test in CoreTestData.LoadArray("key_io_invalid.json"))
        {
            var arr = test!.AsArray();
            if (arr.Count >= 1) data.Add((string)arr[0]!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidVectors))]
    public void RejectsInvalidVectorOnEveryNetwork(string encoded)
    {
        foreach (var network in CoreTestData.AllNetworks)
        {
            var result = AddressEncoding.DecodeDestination(encoded, network);
            Assert.False(result.IsValid);
            Assert.NotEqual("", result.Error);
            Assert.Null(AddressEncoding.DecodeSecret(encoded, network));
        }
    }
}
