using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Tests.Addresses;

/// <summary>The error messages and locations of Core's rpc_validateaddress.py (mainnet).</summary>
public class AddressDecodeErrorTests
{
    public static TheoryData<string, string, int[]> Invalid() => new()
    {
        { "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
        { "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "Invalid Bech32 checksum", [41] },
        { "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2", "Version 1+ witness address must use Bech32m checksum", [] },
        { "bc1rw5uspcuh", "Version 1+ witness address must use Bech32m checksum", [] },
        { "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90", "Version 1+ witness address must use Bech32m checksum", [] },
        { "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "Invalid Bech32 v0 address program size (16 bytes), per BIP141", [] },
        { "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
        { "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3t4", "Invalid character or mixed case", [40] },
        { "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "Version 1+ witness address must use Bech32m checksum", [] },
        { "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
        { "bc1gmk9yu", "Empty Bech32 data section", [] },
        { "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "Version 1+ witness address must use Bech32m checksum", [] },
        { "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
        { "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", "Version 1+ witness address must use Bech32m checksum", [] },
        { "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "Version 0 witness address must use Bech32 checksum", [] },
        { "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
        { "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", "Invalid Base 32 character", [59] },
        { "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", "Invalid Bech32 address witness version", [] },
        { "bc1pw5dgrnzv", "Invalid Bech32 address program size (1 byte)", [] },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", "Invalid Bech32 address program size (41 bytes)", [] },
        { "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", "Invalid padding in Bech32 data section", [] },
        { "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", "Invalid or unsupported Segwit (Bech32) or Base58 encoding.", [] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void ReportsCoreErrorAndLocations(string address, string error, int[] locations)
    {
        var result = AddressEncoding.DecodeDestination(address, Network.Main);
        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error);
        Assert.Equal(locations, result.ErrorLocations);
    }

    public static TheoryData<string, string> Valid() => new()
    {
        { "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6" },
        { "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262" },
        { "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6" },
        { "BC1SW50QGDZ25J", "6002751e" },
        { "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323" },
        { "bc1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvses5wp4dt", "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
        { "bc1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvses7epu4h", "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" },
        { "bc1pfeessrawgf", "51024e73" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void DecodesValidSegwitAddress(string address, string scriptHex)
    {
        var result = AddressEncoding.DecodeDestination(address, Network.Main);
        Assert.True(result.IsValid, result.Error);
        Assert.Empty(result.ErrorLocations);
        Assert.Equal(scriptHex, Convert.ToHexString(result.Destination.ScriptBytes).ToLowerInvariant());
    }

    [Fact]
    public void AnchorAddressRoundTrips()
    {
        var result = AddressEncoding.DecodeDestination("bc1pfeessrawgf", Network.Main);
        Assert.IsType<PayToAnchorDestination>(result.Destination);
        Assert.Equal("bc1pfeessrawgf", AddressEncoding.EncodeDestination(result.Destination, Network.Main));
    }

    [Fact]
    public void Base58AddressOfOtherNetworkIsRejected()
    {
        var result = AddressEncoding.DecodeDestination("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo", Network.TestNet);
        Assert.Equal("Invalid or unsupported Base58-encoded address.", result.Error);
    }

    [Fact]
    public void Base58AddressWithBadChecksumIsReported()
    {
        var result = AddressEncoding.DecodeDestination("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mp", Network.Main);
        Assert.Equal("Invalid checksum or length of Base58 address (P2PKH or P2SH)", result.Error);
    }

    [Fact]
    public void SegwitAddressOfOtherNetworkIsRejectedAsEncoding()
    {
        var result = AddressEncoding.DecodeDestination("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", Network.Main);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void ExtendedKeysRoundTrip()
    {
        const string xprv = "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U";
        const string xpub = "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB";
        var key = AddressEncoding.DecodeExtKey(xprv, Network.Main);
        Assert.NotNull(key);
        Assert.Equal(xprv, AddressEncoding.EncodeExtKey(key, Network.Main));
        Assert.Equal(xpub, AddressEncoding.EncodeExtPubKey(key.Neuter(), Network.Main));
        var pub = AddressEncoding.DecodeExtPubKey(xpub, Network.Main);
        Assert.NotNull(pub);
        Assert.Equal(xpub, AddressEncoding.EncodeExtPubKey(pub, Network.Main));
        Assert.Null(AddressEncoding.DecodeExtPubKey(xpub, Network.TestNet));
        Assert.Null(AddressEncoding.DecodeExtKey(xpub, Network.Main));
    }
}
