using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>Descriptor behaviour beyond the table of Core's Check cases: warnings, unused(), checksums, networks, inference.</summary>
public class DescriptorBehaviourTests
{
    private const string WifKey = "L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1";
    private const string HexKey = "03a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd";
    private const string Xprv = "xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc";
    private const string Xpub = "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL";

    private static Descriptor ParseOne(string text, Network? network = null)
        => Descriptor.Parse(text, network ?? Network.Main, new FlatSigningProvider())[0];

    [Fact]
    public void SafeOlderValueHasNoWarning()
        => Assert.Empty(ParseOne("wsh(and_v(v:pk(0379e45b3cf75f9c5f9befd8e9506fb962f6a9d185ac87001ec44a8d3df8d4a9e3),older(65535)))").Warnings);

    [Fact]
    public void HeightBasedOlderAboveSixteenBitsWarns()
    {
        var warnings = ParseOne("wsh(and_v(v:pk(0379e45b3cf75f9c5f9befd8e9506fb962f6a9d185ac87001ec44a8d3df8d4a9e3),older(65536)))").Warnings;
        Assert.Equal(["height-based relative locktime: older(65536) > 65535 blocks is unsafe"], warnings);
    }

    [Fact]
    public void TimeBasedOlderAboveSixteenBitsWarns()
    {
        uint value = 65536 | (1u << 22);
        var warnings = ParseOne($"wsh(and_v(v:pk(0379e45b3cf75f9c5f9befd8e9506fb962f6a9d185ac87001ec44a8d3df8d4a9e3),older({value})))").Warnings;
        Assert.Equal([$"time-based relative locktime: older({value}) > (65535 * 512) seconds is unsafe"], warnings);
    }

    [Fact]
    public void LargeAfterValueDoesNotWarn()
        => Assert.Empty(ParseOne("wsh(and_v(v:pk(0379e45b3cf75f9c5f9befd8e9506fb962f6a9d185ac87001ec44a8d3df8d4a9e3),after(1000000)))").Warnings);

    [Theory]
    [InlineData("unused(" + WifKey + ",5KYZdUEo39z3FPrtuX2QbbwGnNP5zTd7yyr2SC1j299sBCnWjss)", "unused(): only one key expected")]
    [InlineData("wsh(unused(" + WifKey + "))", "Can only have unused at top level")]
    [InlineData("unused(" + Xprv + "/*)", "unused(): key cannot be ranged")]
    [InlineData("unused()", "No key provided")]
    [InlineData("unused(a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd)", "Pubkey 'a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd' is invalid")]
    public void UnusedRejectsWithCoreError(string text, string error)
    {
        Assert.False(Descriptor.TryParse(text, Network.Main, new FlatSigningProvider(), out _, out string actual));
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData("unused(" + Xprv + ")", "unused(" + Xpub + ")")]
    [InlineData("unused(" + WifKey + ")", "unused(" + HexKey + ")")]
    [InlineData("unused(" + Xprv + "/0h/0h/1)", "unused(" + Xpub + "/0h/0h/1)")]
    public void UnusedHoldsOneKeyAndNoScripts(string prv, string pub)
    {
        var keysPriv = new FlatSigningProvider();
        var keysPub = new FlatSigningProvider();
        var parsePriv = Descriptor.Parse(prv, Network.Main, keysPriv)[0];
        var parsePub = Descriptor.Parse(pub, Network.Main, keysPub)[0];
        Assert.Null(parsePriv.GetOutputType());
        Assert.Null(parsePub.GetOutputType());
        Assert.False(parsePub.HasScripts);
        Assert.NotEmpty(keysPriv.Keys);
        Assert.Empty(keysPub.Keys);
        Assert.Equal(pub, parsePriv.ToString()[..^9]);
        Assert.Equal(pub, parsePub.ToString()[..^9]);
        var (pubkeys, xpubs) = parsePub.GetPubKeys();
        Assert.Equal(1, pubkeys.Count + xpubs.Count);
        Assert.True(parsePub.Expand(0, keysPriv, out var scripts, new FlatSigningProvider()));
        Assert.Empty(scripts);
    }

    [Fact]
    public void ChecksumIsComputedOrVerified()
    {
        const string desc = "sh(multi(2,[00000000/111'/222]" + Xprv + ",xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJFjaPdGZ2y9WACViL4L/0))";
        Assert.Equal("ggrsrxfy", DescriptorChecksum.Get(desc));
        Assert.Equal("ggrsrxfy", DescriptorChecksum.Get(desc + "#ggrsrxfy"));
        Assert.Equal("", DescriptorChecksum.Get(desc + "#ggssrxfy"));
        Assert.Equal(desc + "#ggrsrxfy", DescriptorChecksum.Add(desc));
    }

    [Theory]
    [InlineData("#", "Expected 8 character checksum, not 0 characters")]
    [InlineData("#ggrsrxfyq", "Expected 8 character checksum, not 9 characters")]
    [InlineData("#ggssrxfy", "Provided checksum 'ggssrxfy' does not match computed checksum 'ggrsrxfy'")]
    [InlineData("##ggssrxfy", "Multiple '#' symbols")]
    public void BadChecksumsAreRejected(string suffix, string error)
    {
        const string desc = "sh(multi(2,[00000000/111'/222]" + Xprv + ",xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJFjaPdGZ2y9WACViL4L/0))";
        Assert.False(Descriptor.TryParse(desc + suffix, Network.Main, new FlatSigningProvider(), out _, out string actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void MissingChecksumIsRejectedWhenRequired()
    {
        Assert.False(Descriptor.TryParse("pk(" + HexKey + ")", Network.Main, new FlatSigningProvider(), out _, out string error, requireChecksum: true));
        Assert.Equal("Missing checksum", error);
        Assert.True(Descriptor.TryParse(DescriptorChecksum.Add("pk(" + HexKey + ")"), Network.Main, new FlatSigningProvider(), out _, out _, requireChecksum: true));
    }

    [Fact]
    public void FailedParseAddsNoPrivateKeys()
    {
        var keys = new FlatSigningProvider();
        Assert.False(Descriptor.TryParse("multi(1," + WifKey + ",nonsense)", Network.Main, keys, out _, out _));
        Assert.Empty(keys.Keys);
    }

    [Fact]
    public void TestnetKeysOnlyParseOnTestNetworks()
    {
        const string tpub = "tpubD6NzVbkrYhZ4WaWSyoBvQwbpLkojyoTZPRsgXELWz3Popb3qkjcJyJUGLnL4qHHoQvao8ESaAstxYSnhyswJ76uZPStJRJCTKvosUCJZL5B";
        Assert.False(Descriptor.TryParse($"wpkh({tpub}/0/*)", Network.Main, new FlatSigningProvider(), out _, out string error));
        Assert.Equal($"wpkh(): key '{tpub}' is not valid", error);
        var desc = ParseOne($"wpkh({tpub}/0/*)", Network.RegTest);
        Assert.StartsWith($"wpkh({tpub}/0/*)#", desc.ToString());
        Assert.True(desc.Expand(0, SigningProvider.Empty, out var scripts, new FlatSigningProvider()));
        Assert.True(ScriptSolver.TryExtractDestination(scripts[0], out var dest));
        Assert.StartsWith("bcrt1q", AddressEncoding.EncodeDestination(dest, Network.RegTest));
    }

    [Fact]
    public void AddrDescriptorRoundTripsOnItsNetwork()
    {
        var desc = ParseOne("addr(bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080)", Network.RegTest);
        Assert.Equal("addr(bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080)", desc.ToString()[..^9]);
        Assert.False(desc.IsSolvable);
        Assert.Equal(OutputType.Bech32, desc.GetOutputType());
        Assert.False(Descriptor.TryParse("addr(bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080)", Network.Main, new FlatSigningProvider(), out _, out string error));
        Assert.Equal("Address is not valid", error);
    }

    [Fact]
    public void MultipathExpansionsAreIndependent()
    {
        var keys = new FlatSigningProvider();
        var descs = Descriptor.Parse($"wpkh({Xpub}/<0;1>/*)", Network.Main, keys);
        Assert.Equal(2, descs.Count);
        Assert.Equal($"wpkh({Xpub}/0/*)", descs[0].ToString()[..^9]);
        Assert.Equal($"wpkh({Xpub}/1/*)", descs[1].ToString()[..^9]);
        var first = descs[0];
        Assert.True(first.Expand(0, keys, out var a, new FlatSigningProvider()));
        Assert.True(descs[1].Expand(0, keys, out var b, new FlatSigningProvider()));
        Assert.NotEqual(a[0], b[0]);
    }

    [Fact]
    public void NonMinimalMultisigIsInferredAsRaw()
    {
        var keys = Enumerable.Range(0, 4).Select(_ => new Key().PubKey).ToList();
        var b = new List<byte> { 0x01, 0x02 }; // a direct push of 2 instead of OP_2
        foreach (var k in keys) b.AddRange([0x21, .. k.ToBytes()]);
        b.AddRange([0x54, 0xae]);
        var desc = Descriptor.Infer(Script.FromBytesUnsafe([.. b]), new FlatSigningProvider(), Network.Main);
        Assert.StartsWith("raw(", desc.ToString());

        b = [0x52];
        foreach (var k in keys) b.AddRange([0x21, .. k.ToBytes()]);
        b.AddRange([0x01, 0x04, 0xae]); // a direct push of 4 instead of OP_4
        desc = Descriptor.Infer(Script.FromBytesUnsafe([.. b]), new FlatSigningProvider(), Network.Main);
        Assert.StartsWith("raw(", desc.ToString());
    }

    [Fact]
    public void InferenceFallsBackToAddrThenRaw()
    {
        var pubkey = new PubKey(HexKey);
        var p2pkh = new PubKeyHashDestination(pubkey.Hash).ToScript();
        string address = AddressEncoding.EncodeDestination(new PubKeyHashDestination(pubkey.Hash), Network.Main);
        Assert.Equal($"addr({address})", Descriptor.Infer(p2pkh, new FlatSigningProvider(), Network.Main).ToString()[..^9]);
        var known = new FlatSigningProvider();
        known.PubKeys[pubkey.Hash] = pubkey;
        var inferred = Descriptor.Infer(p2pkh, known, Network.Main);
        Assert.Equal($"pkh({HexKey})", inferred.ToString()[..^9]);
        Assert.True(inferred.IsSolvable);
        var opReturn = Script.FromBytesUnsafe([0x6a, 0x01, 0x42]);
        Assert.Equal("raw(6a0142)", Descriptor.Infer(opReturn, new FlatSigningProvider(), Network.Main).ToString()[..^9]);
    }

    [Fact]
    public void TaprootOutputIsInferredFromItsTree()
    {
        var keys = new FlatSigningProvider();
        var desc = Descriptor.Parse($"tr({HexKey[2..]},{{pk({Xpub}),pk(669b8afcec803a0d323e9a17f3ea8e68e8abe5a278020a929adbec52421adbd0)}})", Network.Main, keys)[0];
        var provider = new FlatSigningProvider();
        Assert.True(desc.Expand(0, keys, out var scripts, provider));
        // The expansion records each constant key with its own fingerprint as origin, so inference adds "[fingerprint]";
        // the leaves come back in the order the control blocks imply, which may differ from the text.
        var inferred = Descriptor.Infer(scripts[0], provider, Network.Main);
        string text = inferred.ToString();
        Assert.StartsWith("tr([c6581aca]a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd,{pk(", text);
        Assert.Contains("pk([485bb029]669b8afcec803a0d323e9a17f3ea8e68e8abe5a278020a929adbec52421adbd0)", text);
        Assert.True(inferred.IsSolvable);
        Assert.True(inferred.Expand(0, SigningProvider.Empty, out var again, new FlatSigningProvider()));
        Assert.Equal(scripts[0], again[0]);
        var rawtr = Descriptor.Infer(scripts[0], new FlatSigningProvider(), Network.Main);
        Assert.StartsWith("rawtr(", rawtr.ToString());
    }

    [Fact]
    public void HardenedMarkerFollowsTheLastOneWritten()
    {
        // As in Core, one marker is kept per key expression: the one of its last hardened step ("0'" here).
        var keys = new FlatSigningProvider();
        var desc = Descriptor.Parse($"wpkh([d34db33f/84h/0'/0h]{Xprv}/0'/*h)", Network.Main, keys)[0];
        Assert.Equal($"wpkh([d34db33f/84'/0'/0']{Xpub}/0'/*')", desc.ToString()[..^9]);
        Assert.True(desc.TryGetPrivateString(keys, out string priv));
        Assert.Equal($"wpkh([d34db33f/84'/0'/0']{Xprv}/0'/*')", priv[..^9]);
        var h = Descriptor.Parse($"wpkh([d34db33f/84'/0'/0']{Xprv}/0h/*')", Network.Main, new FlatSigningProvider())[0];
        Assert.Equal($"wpkh([d34db33f/84h/0h/0h]{Xpub}/0h/*h)", h.ToString()[..^9]);
        Assert.False(desc.TryGetPrivateString(new FlatSigningProvider(), out string pubOnly));
        Assert.Equal(desc.ToString(), pubOnly);
    }

    [Fact]
    public void NormalizedStringNeedsPrivateKeyOrCache()
    {
        var keys = new FlatSigningProvider();
        var desc = Descriptor.Parse($"wpkh({Xprv}/84'/0'/0'/0/*)", Network.Main, keys)[0];
        var pubDesc = Descriptor.Parse(desc.ToString(), Network.Main, new FlatSigningProvider())[0];
        Assert.False(pubDesc.TryGetNormalizedString(new FlatSigningProvider(), out _));
        var cache = new DescriptorCache();
        Assert.True(desc.Expand(0, keys, out _, new FlatSigningProvider(), cache));
        Assert.True(pubDesc.TryGetNormalizedString(new FlatSigningProvider(), out string fromCache, cache));
        Assert.True(desc.TryGetNormalizedString(keys, out string fromKeys));
        Assert.Equal(fromKeys, fromCache);
        Assert.Matches(@"^wpkh\(\[[0-9a-f]{8}/84h/0h/0h\]xpub[1-9A-HJ-NP-Za-km-z]+/0/\*\)#[a-z0-9]{8}$", fromKeys);
    }

    [Fact]
    public void HardenedDescriptorExpandsFromCacheWithoutKeys()
    {
        var keys = new FlatSigningProvider();
        var desc = Descriptor.Parse($"wpkh({Xprv}/0'/*')", Network.Main, keys)[0];
        var cache = new DescriptorCache();
        Assert.True(desc.Expand(5, keys, out var scripts, new FlatSigningProvider(), cache));
        Assert.False(desc.Expand(5, new FlatSigningProvider(), out _, new FlatSigningProvider()));
        Assert.True(desc.ExpandFromCache(5, cache, out var cached, new FlatSigningProvider()));
        Assert.Equal(scripts[0], cached[0]);
        Assert.False(desc.ExpandFromCache(6, cache, out _, new FlatSigningProvider()));
    }

    [Fact]
    public void CacheMergeReturnsOnlyNewEntriesAndRejectsConflicts()
    {
        var a = new DescriptorCache();
        var b = new DescriptorCache();
        var x1 = ExtKey.CreateFromSeed(new byte[32]).Neuter();
        var x2 = ExtKey.CreateFromSeed(Enumerable.Repeat((byte)1, 32).ToArray()).Neuter();
        a.CacheParentExtPubKey(0, x1);
        b.CacheParentExtPubKey(0, x1);
        b.CacheDerivedExtPubKey(1, 7, x2);
        var diff = a.MergeAndDiff(b);
        Assert.Empty(diff.ParentExtPubKeys);
        Assert.Single(diff.DerivedExtPubKeys);
        Assert.True(a.TryGetCachedDerivedExtPubKey(1, 7, out _));
        var c = new DescriptorCache();
        c.CacheParentExtPubKey(0, x2);
        var ex = Assert.Throws<InvalidOperationException>(() => a.MergeAndDiff(c));
        Assert.Equal("MergeAndDiff: New cached parent xpub does not match already cached parent xpub", ex.Message);
    }

    [Fact]
    public void DescriptorIdIsStableAcrossHardenedNotation()
    {
        var a = ParseOne($"pkh({Xpub}/1'/2)");
        var b = ParseOne($"pkh({Xpub}/1h/2)");
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.ToString(), b.ToString());
    }

    [Fact]
    public void MaxSatisfactionWeightMatchesCoreFormulas()
    {
        Assert.Equal(4 * (1 + 72 + 1 + 33), ParseOne($"pkh({HexKey})").MaxSatisfactionWeight(true));
        Assert.Equal(1 + 72 + 1 + 33, ParseOne($"wpkh({HexKey})").MaxSatisfactionWeight(true));
        Assert.Equal(4 * (1 + 22) + 1 + 72 + 1 + 33, ParseOne($"sh(wpkh({HexKey}))").MaxSatisfactionWeight(true));
        Assert.Equal(1 + 65, ParseOne($"tr({HexKey[2..]})").MaxSatisfactionWeight(false));
        Assert.Null(ParseOne($"combo({HexKey})").MaxSatisfactionWeight(true));
    }
}
