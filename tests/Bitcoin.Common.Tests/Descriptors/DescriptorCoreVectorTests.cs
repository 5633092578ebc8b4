using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>Core's descriptor_tests.cpp cases, checked as Core's DoCheck / CheckUnparsable / CheckInferDescriptor do.</summary>
public class DescriptorCoreVectorTests
{
    private const int Range = 1, Hardened = 2, Unsolvable = 4, Signable = 8, DeriveHardened = 16, MixedPubkeys = 32,
        XonlyKeys = 64, MissingPrivkeys = 128, SignableFails = 256, Musig = 512, MusigDerivation = 1024, MixedMusig = 2048,
        UniqueXpubs = 4096;

    private static readonly Network Main = Network.Main;

    public static TheoryData<int, string> CheckCases() => Cases("check");

    public static TheoryData<int, string> UnparsableCases() => Cases("unparsable");

    public static TheoryData<int, string> InferCases() => Cases("infer");

    private static TheoryData<int, string> Cases(string kind)
    {
        var data = new TheoryData<int, string>();
        foreach (var (i, c) in DescriptorVectors.OfKind(kind))
        {
            string label = (string?)c["pub"] ?? (string?)c["expected"] ?? "";
            data.Add(i, label.Length > 60 ? label[..60] : label);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UnparsableCases))]
    public void RejectsWithCoreError(int index, string label)
    {
        _ = label;
        var c = DescriptorVectors.At(index);
        string expected = (string)c["error"]!;
        foreach (string text in new[] { (string)c["prv"]!, (string)c["pub"]! })
        {
            if (text.Length == 0 && expected.Length > 0 && (string)c["prv"]! == "") continue;
            Assert.False(Descriptor.TryParse(text, Main, new FlatSigningProvider(), out _, out string error), text);
            // Core checks the error of the last parse (the public one); both must fail.
            if (text == (string)c["pub"]!) Assert.Equal(expected, error);
        }
    }

    [Theory]
    [MemberData(nameof(InferCases))]
    public void InfersCoreDescriptor(int index, string label)
    {
        _ = label;
        var c = DescriptorVectors.At(index);
        var provider = new FlatSigningProvider();
        foreach (var s in c["scripts"]!.AsArray())
        {
            var script = Script.FromBytesUnsafe(Convert.FromHexString((string)s!));
            provider.Scripts.TryAdd(script.Hash, script);
        }
        foreach (var pair in c["origins"]!.AsArray())
        {
            var pubkey = new PubKey((string)pair![0]!);
            provider.PubKeys.TryAdd(pubkey.Hash, pubkey);
            string originText = (string)pair[1]!;
            if (originText.Length > 0)
            {
                var parts = originText.Split('/');
                var path = parts.Skip(1).Select(p =>
                {
                    bool hardened = p.EndsWith('\'') || p.EndsWith('h');
                    uint n = uint.Parse(hardened ? p[..^1] : p, System.Globalization.CultureInfo.InvariantCulture);
                    return hardened ? n | 0x80000000u : n;
                });
                provider.Origins.TryAdd(pubkey.Hash, (pubkey, new KeyOriginInfo(new HDFingerprint(Convert.FromHexString(parts[0])), path)));
            }
        }
        string expected = (string)c["expected"]!;
        var desc = Descriptor.Infer(Script.FromBytesUnsafe(Convert.FromHexString((string)c["script"]!)), provider, Main);
        Assert.Equal(expected + "#" + DescriptorChecksum.Get(expected), desc.ToString());
    }

    [Theory]
    [MemberData(nameof(CheckCases))]
    public void BehavesAsCore(int index, string label)
    {
        _ = label;
        var c = DescriptorVectors.At(index);
        string prv = (string)c["prv"]!, pub = (string)c["pub"]!;
        DoCheck(c, prv, pub);
        // Core repeats the check with 'h' for every apostrophe when both forms use apostrophes.
        if (prv.Contains('\'') && pub.Contains('\'')) DoCheck(c, UseH(prv), UseH(pub));
    }

    private static string UseH(string desc)
    {
        string ret = desc.Replace('\'', 'h');
        if (DescriptorChecksum.Get(ret) == "")
        {
            ret = ret[..^9];
            ret += "#" + DescriptorChecksum.Get(ret);
        }
        return ret;
    }

    private static bool EqualDescriptor(string a, string b)
    {
        bool aCheck = a.Length > 9 && a[^9] == '#';
        bool bCheck = b.Length > 9 && b[^9] == '#';
        if (aCheck != bCheck)
        {
            if (aCheck) a = a[..^9];
            if (bCheck) b = b[..^9];
        }
        return a == b;
    }

    private static void DoCheck(JsonObject c, string prv, string pub)
    {
        int flags = (int)c["flags"]!;
        string normPub = (string)c["norm"]!;
        var scripts = c["scripts"]!.AsArray().Select(r => r!.AsArray().Select(s => (string)s!).ToList()).ToList();
        string? typeName = (string?)c["type"];
        OutputType? type = typeName switch
        {
            null => null,
            "LEGACY" => OutputType.Legacy,
            "P2SH_SEGWIT" => OutputType.P2shSegwit,
            "BECH32" => OutputType.Bech32,
            "BECH32M" => OutputType.Bech32m,
            _ => throw new InvalidOperationException(typeName),
        };
        string? id = (string?)c["id"];
        var paths = c["paths"]!.AsArray().Select(p => p!.AsArray().Select(x => (uint)(long)x!).ToArray()).ToList();
        string? expectedPrv = (string?)c["expectedPrv"];
        string? expectedPub = (string?)c["expectedPub"];
        int descIndex = (int)c["index"]!;

        var keysPriv = new FlatSigningProvider();
        var keysPub = new FlatSigningProvider();
        Assert.True(Descriptor.TryParse(prv, Main, keysPriv, out var parsePrivs, out string error), error);
        Assert.True(Descriptor.TryParse(pub, Main, keysPub, out var parsePubs, out error), error);
        var parsePriv = parsePrivs[descIndex];
        var parsePub = parsePubs[descIndex];

        bool nonTopOrUnsolvable = !parsePriv.IsSolvable || parsePriv.GetOutputType() is null;
        var maxSatMaxSig = parsePriv.MaxSatisfactionWeight(true);
        var maxSatNonMaxSig = parsePriv.MaxSatisfactionWeight(false);
        Assert.True(maxSatNonMaxSig is null || (maxSatMaxSig is not null && maxSatNonMaxSig <= maxSatMaxSig));
        var maxElems = parsePriv.MaxSatisfactionElems;
        bool sizeInfo = maxSatMaxSig is not null && maxSatNonMaxSig is not null && maxElems is not null;
        Assert.True(sizeInfo || nonTopOrUnsolvable, prv);

        bool isCombo = !parsePriv.IsSingleType;
        Assert.True(isCombo || parsePriv.ScriptSize == scripts[0][0].Length / 2, "ScriptSize of " + prv);

        Assert.Equal(type, parsePriv.GetOutputType());
        Assert.Equal(type, parsePub.GetOutputType());

        Assert.NotEmpty(keysPriv.Keys);
        Assert.Empty(keysPub.Keys);
        bool haveAll = (flags & MissingPrivkeys) == 0;
        Assert.Equal(haveAll, parsePriv.HavePrivateKeys(keysPriv));
        Assert.Equal(haveAll, parsePub.HavePrivateKeys(keysPriv));
        Assert.False(parsePriv.HavePrivateKeys(keysPub));
        Assert.False(parsePub.HavePrivateKeys(keysPub));

        string pub1 = parsePriv.ToString();
        string pub2 = parsePub.ToString();
        string wantPub = expectedPub ?? pub;
        Assert.True(EqualDescriptor(wantPub, pub1), $"Private ser: {pub1} Public desc: {wantPub}");
        Assert.True(EqualDescriptor(wantPub, pub2), $"Public ser: {pub2} Public desc: {wantPub}");

        if (id is not null) Assert.Equal(id, parsePriv.Id.ToString());

        if ((flags & MissingPrivkeys) == 0)
        {
            string wantPrv = expectedPrv ?? prv;
            Assert.True(parsePriv.TryGetPrivateString(keysPriv, out string prv1));
            Assert.True(EqualDescriptor(wantPrv, prv1), $"Private ser: {prv1} Private desc: {wantPrv}");
            Assert.False(parsePriv.TryGetPrivateString(keysPub, out _));
            Assert.True(parsePub.TryGetPrivateString(keysPriv, out prv1));
            Assert.True(EqualDescriptor(wantPrv, prv1), $"Private ser: {prv1} Private desc: {wantPrv}");
            Assert.False(parsePub.TryGetPrivateString(keysPub, out _));

            var privProv = new FlatSigningProvider();
            parsePriv.ExpandPrivate(0, keysPriv, privProv);
            var pubProv = new FlatSigningProvider();
            parsePub.ExpandPrivate(0, keysPriv, pubProv);
            Assert.True(ProviderComparison.Equal(privProv, pubProv), $"ExpandPrivate differs for {prv}");
        }
        else if (keysPriv.Keys.Count > 0)
        {
            Assert.True(parsePriv.TryGetPrivateString(keysPriv, out string prvStr));
            Assert.Equal(prv, prvStr[..^9]);
        }

        Assert.True(parsePriv.TryGetNormalizedString(keysPriv, out string norm1));
        Assert.True(EqualDescriptor(norm1, normPub), $"priv normalized: {norm1} expected: {normPub}");
        Assert.True(parsePub.TryGetNormalizedString(keysPriv, out norm1));
        Assert.True(EqualDescriptor(norm1, normPub), $"pub normalized: {norm1} expected: {normPub}");

        Assert.Equal((flags & Range) != 0, parsePub.IsRange);
        Assert.Equal((flags & Range) != 0, parsePriv.IsRange);

        uint keyExprs = parsePub.GetMaxKeyExpr();
        Assert.Equal((int)keyExprs + 1, parsePub.GetKeyCount());
        Assert.Equal(keyExprs, parsePriv.GetMaxKeyExpr());
        Assert.Equal((int)keyExprs + 1, parsePriv.GetKeyCount());

        if ((flags & Range) == 0) Assert.Single(scripts);
        int max = (flags & Range) != 0 ? scripts.Count : 3;
        var leftPaths = new HashSet<string>(paths.Select(p => string.Join('/', p)));
        var allowedPaths = new HashSet<string>(leftPaths);

        for (int i = 0; i < max; i++)
        {
            var reference = scripts[(flags & Range) != 0 ? i : 0];
            for (int t = 0; t < 2; t++)
            {
                var desc = t == 1 ? parsePriv : parsePub;
                var keyProvider = (flags & Hardened) != 0 ? keysPriv : keysPub;
                var scriptProvider = new FlatSigningProvider();
                var scriptProviderCached = new FlatSigningProvider();
                var cache = new DescriptorCache();
                Assert.True(desc.Expand(i, keyProvider, out var spks, scriptProvider, cache));
                Assert.Equal(reference.Count, spks.Count);

                Assert.True(parsePub.ExpandFromCache(i, cache, out var spksCached, scriptProviderCached));
                Assert.Equal(Hex(spks), Hex(spksCached));
                Assert.Equal(KeyData(scriptProvider, flags), KeyData(scriptProviderCached, flags));
                Assert.True(ProviderComparison.SameScripts(scriptProvider, scriptProviderCached));
                Assert.Equal(OriginData(scriptProvider, flags), OriginData(scriptProviderCached, flags));

                CheckCacheContents(flags, i, pub1, cache, scriptProviderCached);

                if ((flags & DeriveHardened) == 0)
                {
                    var sp1 = new FlatSigningProvider();
                    var spc1 = new FlatSigningProvider();
                    Assert.True(desc.Expand(i + 1, keyProvider, out var spks1, sp1));
                    Assert.True(parsePub.ExpandFromCache(i + 1, cache, out var spks1Cached, spc1));
                    Assert.Equal(Hex(spks1), Hex(spks1Cached));
                    Assert.Equal(KeyData(sp1, flags), KeyData(spc1, flags));
                    Assert.True(ProviderComparison.SameScripts(sp1, spc1));
                    Assert.Equal(OriginData(sp1, flags), OriginData(spc1, flags));
                }

                for (int n = 0; n < spks.Count; n++)
                {
                    Assert.Equal(reference[n], Convert.ToHexString(spks[n].ToBytes(true)).ToLowerInvariant());
                    if ((flags & (Signable | SignableFails)) != 0)
                    {
                        bool signed = DescriptorSigningHarness.TrySign(c, keysPriv, scriptProvider, spks[n]);
                        Assert.Equal((flags & SignableFails) == 0, signed);
                    }

                    var inferred = Descriptor.Infer(spks[n], scriptProvider, Main);
                    Assert.Equal((flags & Unsolvable) == 0, inferred.IsSolvable);
                    var providerInferred = new FlatSigningProvider();
                    Assert.True(inferred.Expand(0, providerInferred, out var spksInferred, providerInferred));
                    Assert.Single(spksInferred);
                    Assert.Equal(spks[n], spksInferred[0]);
                    Assert.Equal((flags & Unsolvable) == 0, Descriptor.Infer(spksInferred[0], providerInferred, Main).IsSolvable);
                    Assert.Equal(OriginData(providerInferred, flags), OriginData(scriptProvider, flags));
                }

                foreach (var (_, (_, origin)) in scriptProvider.Origins)
                {
                    string p = string.Join('/', origin.Path);
                    Assert.True(allowedPaths.Contains(p), $"Unexpected key path {p}: {prv}");
                    leftPaths.Remove(p);
                }

                Assert.Equal((flags & Hardened) == 0, desc.CanSelfExpand);
            }
        }
        Assert.True(leftPaths.Count == 0, "Not all expected key paths found: " + prv);
    }

    private static void CheckCacheContents(int flags, int i, string pub1, DescriptorCache cache, FlatSigningProvider cachedProvider)
    {
        var derived = cache.DerivedExtPubKeys;
        var parents = cache.ParentExtPubKeys;
        int numXpubs = CountOccurrences(pub1, "xpub");
        int numUniqueXpubs = System.Text.RegularExpressions.Regex.Matches(pub1, @"xpub\w+?(?=/)").Select(m => m.Value).Distinct().Count();
        if ((flags & MusigDerivation) != 0)
        {
            numXpubs++;
            numUniqueXpubs++;
        }
        if ((flags & Range) != 0 && (flags & DeriveHardened) == 0)
        {
            Assert.Empty(derived);
            Assert.NotEmpty(parents);
            var pubkeys = new HashSet<string>();
            foreach (var xpub in parents.Values) pubkeys.Add(xpub.Derive((uint)i).PubKey.ToHex());
            int countPks = cachedProvider.Origins.Values.Count(o => pubkeys.Contains(o.PubKey.ToHex()));
            if ((flags & MusigDerivation) != 0)
            {
                if ((flags & MixedMusig) == 0) Assert.Equal(1, countPks);
                Assert.Equal(numXpubs, pubkeys.Count);
            }
            else
            {
                if ((flags & Musig) != 0) countPks++;
                if ((flags & MixedPubkeys) != 0) Assert.Equal(numXpubs, countPks);
                else Assert.Equal(cachedProvider.Origins.Count, countPks);
            }
        }
        else if (numXpubs > 0)
        {
            Assert.Equal(numXpubs, derived.Count + parents.Count);
            if ((flags & MixedPubkeys) == 0)
                Assert.Equal((flags & UniqueXpubs) != 0 ? numUniqueXpubs : numXpubs, cachedProvider.Origins.Count);
            var pubkeys = new HashSet<string>();
            foreach (var map in derived.Values)
            {
                foreach (var xpub in map.Values) pubkeys.Add(xpub.PubKey.ToHex());
            }
            foreach (var xpub in parents.Values)
            {
                pubkeys.Add(xpub.PubKey.ToHex());
                pubkeys.Add(xpub.Derive((uint)i).PubKey.ToHex());
            }
            int countPks = cachedProvider.Origins.Values.Count(o => pubkeys.Contains(o.PubKey.ToHex()));
            if ((flags & MusigDerivation) != 0 && (flags & MixedPubkeys) == 0)
            {
                Assert.Equal(2 * countPks, pubkeys.Count);
                Assert.Equal(2 * ((flags & UniqueXpubs) != 0 ? numUniqueXpubs : numXpubs), pubkeys.Count);
            }
            else
            {
                if ((flags & Musig) != 0) countPks++;
                if ((flags & MixedPubkeys) != 0) Assert.Equal(numXpubs, countPks);
                else Assert.Equal(cachedProvider.Origins.Count, countPks);
            }
        }
        else if ((flags & MixedPubkeys) == 0)
        {
            Assert.Empty(derived);
            Assert.Empty(parents);
        }
    }

    private static int CountOccurrences(string s, string sub)
    {
        int count = 0;
        for (int p = s.IndexOf(sub, StringComparison.Ordinal); p >= 0; p = s.IndexOf(sub, p + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static List<string> Hex(List<Script> scripts) => scripts.Select(s => s.ToHex()).ToList();

    // Core's GetKeyData: the set of pubkeys, with x-only keys normalized to even parity.
    private static List<string> KeyData(FlatSigningProvider provider, int flags)
        => provider.PubKeys.Values.Select(p => Normalize(p, flags)).Distinct().Order(StringComparer.Ordinal).ToList();

    // Core's GetKeyOriginData: (pubkey, origin) pairs, ignoring MuSig participants, normalizing x-only keys.
    private static List<string> OriginData(FlatSigningProvider provider, int flags)
    {
        var ignored = new HashSet<KeyId>();
        if ((flags & Musig) != 0)
        {
            foreach (var parts in provider.AggregatePubKeys.Values)
            {
                foreach (var pk in parts) ignored.Add(pk.Hash);
            }
        }
        return provider.Origins.Where(o => !ignored.Contains(o.Key)).Select(o =>
        {
            var (pubkey, origin) = o.Value;
            string fp = (flags & XonlyKeys) != 0 ? "00000000" : origin.Fingerprint.ToString();
            return Normalize(pubkey, flags) + "@" + fp + "/" + string.Join('/', origin.Path);
        }).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string Normalize(PubKey p, int flags)
    {
        string hex = p.ToHex();
        return (flags & XonlyKeys) != 0 ? "02" + hex[2..] : hex;
    }
}
