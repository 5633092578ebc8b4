using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using NBitcoin;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's decodescript result (rpc_decodescript.py), built by <see cref="ScriptJson.DecodeScript"/>.</summary>
public class DecodeScriptTests
{
    private const string PublicKey = "03b0da749730dc9b4b1f4a14d6902877a92541f5368778853d9c4a0cb7802dcfb2";
    private const string PublicKeyHash = "5dd1d3a048119c27b28293056724d9522f26d945";
    private const string UncompressedPublicKey = "04b0da749730dc9b4b1f4a14d6902877a92541f5368778853d9c4a0cb7802dcfb25e01fc8fde47c96c98a4f3a8123e33a38a50cf9025cc8c4494a518f991792bb7";

    /// <summary>The scripts of Core's data-driven decodescript check, by what each one exercises.</summary>
    public static TheoryData<string, string> DataDrivenCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in DecodeScriptCases.All) data.Add(c.What, c.ScriptHex);
        return data;
    }

    [Theory]
    [MemberData(nameof(DataDrivenCases))]
    public void MatchesCoreDataDrivenResult(string what, string scriptHex)
    {
        // Compact text comparison: the values and Core's key order both count.
        string expected = FormatsTestData.Write(DecodeScriptCases.All.Single(c => c.ScriptHex == scriptHex).ToJson());
        string actual = FormatsTestData.Write(Decode(scriptHex));
        Assert.True(expected == actual, $"{what}\nexpected {expected}\nactual   {actual}");
    }

    [Fact]
    public void KeysComeInCoreOrder()
    {
        var result = Decode("02eeee");
        Assert.Equal(["asm", "desc", "type", "p2sh", "segwit"], result.Select(p => p.Key));
        Assert.Equal(["asm", "desc", "hex", "address", "type", "p2sh-segwit"], result["segwit"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["asm", "desc", "address", "type"], Decode("a914eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee87").Select(p => p.Key));
    }

    [Fact]
    public void PayToPubKeyIsOfferedAsP2wpkh()
    {
        var r = Decode("21" + PublicKey + "ac");
        Assert.Equal(PublicKey + " OP_CHECKSIG", (string)r["asm"]!);
        Assert.Equal("pubkey", (string)r["type"]!);
        Assert.Null(r["address"]);
        Assert.Equal("0 " + PublicKeyHash, (string)r["segwit"]!["asm"]!);
        Assert.StartsWith("pk(" + PublicKey + ")#", (string)r["desc"]!);
    }

    [Fact]
    public void PayToPubKeyHashIsOfferedAsP2wpkh()
    {
        var r = Decode("76a914" + PublicKeyHash + "88ac");
        Assert.Equal("pubkeyhash", (string)r["type"]!);
        Assert.Equal("OP_DUP OP_HASH160 " + PublicKeyHash + " OP_EQUALVERIFY OP_CHECKSIG", (string)r["asm"]!);
        Assert.Equal("witness_v0_keyhash", (string)r["segwit"]!["type"]!);
        Assert.Equal("0 " + PublicKeyHash, (string)r["segwit"]!["asm"]!);
    }

    [Fact]
    public void MultisigIsOfferedAsP2wsh()
    {
        string script = "52" + "21" + PublicKey + "21" + PublicKey + "21" + PublicKey + "53ae";
        var r = Decode(script);
        Assert.Equal("multisig", (string)r["type"]!);
        Assert.Equal($"2 {PublicKey} {PublicKey} {PublicKey} 3 OP_CHECKMULTISIG", (string)r["asm"]!);
        Assert.Equal("witness_v0_scripthash", (string)r["segwit"]!["type"]!);
        Assert.Equal("0 " + Sha256Hex(script), (string)r["segwit"]!["asm"]!);
    }

    [Fact]
    public void P2shAndWitnessProgramsAreNotWrappedInSegwit()
    {
        var p2sh = Decode("a914" + PublicKeyHash + "87");
        Assert.Equal("scripthash", (string)p2sh["type"]!);
        Assert.Equal("OP_HASH160 " + PublicKeyHash + " OP_EQUAL", (string)p2sh["asm"]!);
        Assert.False(p2sh.ContainsKey("segwit"));
        Assert.False(p2sh.ContainsKey("p2sh"));

        var p2wpkh = Decode("0014" + PublicKeyHash);
        Assert.Equal("witness_v0_keyhash", (string)p2wpkh["type"]!);
        Assert.Equal("0 " + PublicKeyHash, (string)p2wpkh["asm"]!);
        Assert.False(p2wpkh.ContainsKey("segwit"));
        Assert.True(p2wpkh.ContainsKey("p2sh"));

        const string p2wshHash = "d8590cf8ea0674cf3d49fd7ca249b85ef7485dea62c138468bddeb20cd6519f7";
        var p2wsh = Decode("0020" + p2wshHash);
        Assert.Equal("witness_v0_scripthash", (string)p2wsh["type"]!);
        Assert.Equal("0 " + p2wshHash, (string)p2wsh["asm"]!);
        Assert.False(p2wsh.ContainsKey("segwit"));

        var p2tr = Decode("5120" + string.Concat(Enumerable.Repeat("01", 32)));
        Assert.Equal("witness_v1_taproot", (string)p2tr["type"]!);
        Assert.Equal("1 " + string.Concat(Enumerable.Repeat("01", 32)), (string)p2tr["asm"]!);
        Assert.False(p2tr.ContainsKey("segwit"));
        Assert.False(p2tr.ContainsKey("p2sh"));
    }

    [Fact]
    public void NullDataIsNotDecodedAsSignatureAndNotWrapped()
    {
        const string imposter = "48304502207fa7a6d1e0ee81132a269ad84e68d695483745cde8b541e3bf630749894e342a022100c1f7ab20e13e22fb95281a870f3dcf38d782e53023ee313d741ad0cfbc0c509001";
        var r = Decode("6a" + imposter);
        Assert.Equal("nulldata", (string)r["type"]!);
        Assert.Equal("OP_RETURN " + imposter[2..], (string)r["asm"]!);
        Assert.False(r.ContainsKey("p2sh"));
    }

    [Fact]
    public void CltvRedeemScriptIsNonstandardAndOfferedAsP2wsh()
    {
        string cltv = "63" + "21" + PublicKey + "ad670320a107b17568" + "21" + PublicKey + "ac";
        var r = Decode(cltv);
        Assert.Equal("nonstandard", (string)r["type"]!);
        Assert.Equal($"OP_IF {PublicKey} OP_CHECKSIGVERIFY OP_ELSE 500000 OP_CHECKLOCKTIMEVERIFY OP_DROP OP_ENDIF {PublicKey} OP_CHECKSIG", (string)r["asm"]!);
        Assert.Equal("0 " + Sha256Hex(cltv), (string)r["segwit"]!["asm"]!);
    }

    [Fact]
    public void UncompressedKeysAreNotOfferedAsSegwit()
    {
        var pk = Decode("41" + UncompressedPublicKey + "ac");
        Assert.Equal("pubkey", (string)pk["type"]!);
        Assert.Equal(UncompressedPublicKey + " OP_CHECKSIG", (string)pk["asm"]!);
        Assert.False(pk.ContainsKey("segwit"));
        Assert.True(pk.ContainsKey("p2sh"));

        var multi = Decode("52" + "21" + PublicKey + "41" + UncompressedPublicKey + "52ae");
        Assert.Equal("multisig", (string)multi["type"]!);
        Assert.Equal($"2 {PublicKey} {UncompressedPublicKey} 2 OP_CHECKMULTISIG", (string)multi["asm"]!);
        Assert.False(multi.ContainsKey("segwit"));
    }

    [Fact]
    public void PayToAnchorHasItsAddressAndIsNotWrapped()
    {
        var r = Decode("51024e73");
        Assert.Equal("anchor", (string)r["type"]!);
        Assert.Equal("1 29518", (string)r["asm"]!);
        Assert.Equal("bcrt1pfeesnyr2tx", (string)r["address"]!);
        Assert.False(r.ContainsKey("p2sh"));
    }

    [Fact]
    public void MiniscriptCompatibleScriptsGetWshDescriptors()
    {
        Assert.Equal("wsh(and_v(and_v(v:hash160(ffffffffffffffffffffffffffffffffffffffff),v:pk(0250929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0)),older(1)))#gm8xz4fl",
            (string)Decode("82012088a914ffffffffffffffffffffffffffffffffffffffff88210250929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0ad51b2")["segwit"]!["desc"]!);
        Assert.Equal("addr(bcrt1q73qyfypp47hvgnkjqnav0j3k2lq3v76wg22dk8tmwuz5sfgv66xsvxg6uu)#9p3q328s",
            (string)Decode("82012088a914ffffffffffffffffffffffffffffffffffffffff882102ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffacb2")["segwit"]!["desc"]!);
        Assert.Equal("wsh(or_d(multi(11,020e0338c96a8870479f2396c373cc7696ba124e8635d41b0ea581112b67817261,02675333a4e4b8fb51d9d4e22fa5a8eaced3fdac8a8cbf9be8c030f75712e6af99,02896807d54bc55c24981f24a453c60ad3e8993d693732288068a23df3d9f50d48,029e51a5ef5db3137051de8323b001749932f2ff0d34c82e96a2c2461de96ae56c,02a4e1a9638d46923272c266631d94d36bdb03a64ee0e14c7518e49d2f29bc4010,031c41fdbcebe17bec8d49816e00ca1b5ac34766b91c9f2ac37d39c63e5e008afb,03079e252e85abffd3c401a69b087e590a9b86f33f574f08129ccbd3521ecf516b,03111cf405b627e22135b3b3733a4a34aa5723fb0f58379a16d32861bf576b0ec2,0318f331b3e5d38156da6633b31929c5b220349859cc9ca3d33fb4e68aa0840174,03230dae6b4ac93480aeab26d000841298e3b8f6157028e47b0897c1e025165de1,035abff4281ff00660f99ab27bb53e6b33689c2cd8dcd364bc3c90ca5aea0d71a6,03bd45cddfacf2083b14310ae4a84e25de61e451637346325222747b157446614c,03cc297026b06c71cbfa52089149157b5ff23de027ac5ab781800a578192d17546,03d3bde5d63bdb3a6379b461be64dad45eabff42f758543a9645afd42f6d424828,03ed1e8d5109c9ed66f7941bc53cc71137baa76d50d274bda8d5e8ffbd6e61fe9a),and_v(v:older(4032),multi(2,03aab896d53a8e7d6433137bbba940f9c521e085dd07e60994579b64a6d992cf79,0291b7d0b1b692f8f524516ed950872e5da10fb1b808b5a526dedc6fed1cf29807,0386aa9372fbab374593466bc5451dc59954e90787f08060964d95c87ef34ca5bb))))#7jwwklk4",
            (string)Decode("5b21020e0338c96a8870479f2396c373cc7696ba124e8635d41b0ea581112b678172612102675333a4e4b8fb51d9d4e22fa5a8eaced3fdac8a8cbf9be8c030f75712e6af992102896807d54bc55c24981f24a453c60ad3e8993d693732288068a23df3d9f50d4821029e51a5ef5db3137051de8323b001749932f2ff0d34c82e96a2c2461de96ae56c2102a4e1a9638d46923272c266631d94d36bdb03a64ee0e14c7518e49d2f29bc401021031c41fdbcebe17bec8d49816e00ca1b5ac34766b91c9f2ac37d39c63e5e008afb2103079e252e85abffd3c401a69b087e590a9b86f33f574f08129ccbd3521ecf516b2103111cf405b627e22135b3b3733a4a34aa5723fb0f58379a16d32861bf576b0ec2210318f331b3e5d38156da6633b31929c5b220349859cc9ca3d33fb4e68aa08401742103230dae6b4ac93480aeab26d000841298e3b8f6157028e47b0897c1e025165de121035abff4281ff00660f99ab27bb53e6b33689c2cd8dcd364bc3c90ca5aea0d71a62103bd45cddfacf2083b14310ae4a84e25de61e451637346325222747b157446614c2103cc297026b06c71cbfa52089149157b5ff23de027ac5ab781800a578192d175462103d3bde5d63bdb3a6379b461be64dad45eabff42f758543a9645afd42f6d4248282103ed1e8d5109c9ed66f7941bc53cc71137baa76d50d274bda8d5e8ffbd6e61fe9a5fae736402c00fb269522103aab896d53a8e7d6433137bbba940f9c521e085dd07e60994579b64a6d992cf79210291b7d0b1b692f8f524516ed950872e5da10fb1b808b5a526dedc6fed1cf29807210386aa9372fbab374593466bc5451dc59954e90787f08060964d95c87ef34ca5bb53ae68")["segwit"]!["desc"]!);
    }

    [Fact]
    public void ScriptToUnivIncludesHexAndOmitsAddressOnRequest()
    {
        var script = Script.FromHex("0014" + PublicKeyHash);
        var full = ScriptJson.ScriptToUniv(script, Network.Main);
        Assert.Equal(["asm", "desc", "hex", "address", "type"], full.Select(p => p.Key));
        // NBitcoin's own encoding of the same P2WPKH output.
        Assert.Equal(new WitKeyId(PublicKeyHash).GetAddress(Network.Main).ToString(), (string)full["address"]!);
        var bare = ScriptJson.ScriptToUniv(script, Network.Main, includeHex: false, includeAddress: false);
        Assert.Equal(["asm", "type"], bare.Select(p => p.Key));
    }

    private static JsonObject Decode(string hex) => ScriptJson.DecodeScript(Script.FromBytesUnsafe(Convert.FromHexString(hex)), Network.RegTest);

    private static string Sha256Hex(string hex) => Convert.ToHexString(SHA256.HashData(Convert.FromHexString(hex))).ToLowerInvariant();
}
