using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Tests.Net;

// Core's netbase_tests and net_tests facts about addresses, subnets and their BIP155 serialization.
public class AddressTests
{
    private const string Onion = "pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion";

    private static NetAddress Ip(string text) => HostResolver.LookupHost(text, allowLookup: false) ?? throw new ArgumentException(text);

    [Fact]
    public void NetworksAndProperties()
    {
        Assert.Equal(NetKind.Unroutable, Ip("127.0.0.1").GetNetwork());
        Assert.Equal(NetKind.Unroutable, Ip("::1").GetNetwork());
        Assert.Equal(NetKind.IPv4, Ip("8.8.8.8").GetNetwork());
        Assert.Equal(NetKind.IPv6, Ip("2001::8888").GetNetwork());
        Assert.Equal(NetKind.Onion, Ip(Onion).GetNetwork());
        Assert.True(Ip("::FFFF:192.168.1.1").IsIPv4);
        Assert.True(Ip("10.0.0.1").IsRfc1918);
        Assert.True(Ip("172.31.255.255").IsRfc1918);
        Assert.True(Ip("198.19.255.255").IsRfc2544);
        Assert.True(Ip("2001:0DB8::").IsRfc3849);
        Assert.True(Ip("169.254.1.1").IsRfc3927);
        Assert.True(Ip("2002::1").IsRfc3964);
        Assert.True(Ip("FC00::").IsRfc4193);
        Assert.True(Ip("2001::2").IsRfc4380);
        Assert.True(Ip("2001:10::").IsRfc4843);
        Assert.True(Ip("2001:20::").IsRfc7343);
        Assert.True(Ip("FE80::").IsRfc4862);
        Assert.True(Ip("64:FF9B::").IsRfc6052);
        Assert.True(Ip("127.0.0.1").IsLocal);
        Assert.True(Ip("::1").IsLocal);
        Assert.True(Ip("8.8.8.8").IsRoutable);
        Assert.True(Ip("2001::1").IsRoutable);
        Assert.False(Ip("0.0.0.0").IsValid);
        Assert.False(Ip("::").IsValid);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:65535")]
    [InlineData("127.0.0.1:8333", "127.0.0.1:8333")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1:65535")]
    [InlineData("::", "[::]:65535")]
    [InlineData("[::]:8333", "[::]:8333")]
    [InlineData("[127.0.0.1]", "127.0.0.1:65535")]
    [InlineData("[fd6c:88c0:8724:1:2:3:4:5]", "[fd6c:88c0:8724:1:2:3:4:5]:65535")]
    public void LookupNumericCanonicalForm(string text, string canonical) =>
        Assert.Equal(canonical, HostResolver.LookupNumeric(text, 65535).ToStringAddrPort());

    [Fact]
    public void InternalPrefixAndGarbageDoNotParse()
    {
        // fd6b:88c0:8724::/48 is reserved for internal names and an unparsable text gives the invalid address.
        Assert.Equal("[::]:0", HostResolver.LookupNumeric("[fd6b:88c0:8724:1:2:3:4:5]", 65535).ToStringAddrPort());
        Assert.Equal("[::]:0", HostResolver.LookupNumeric(":::", 65535).ToStringAddrPort());
    }

    [Theory]
    [InlineData("1.2.3.4/255.255.255.255", "1.2.3.4/32")]
    [InlineData("1.2.3.4/255.255.255.254", "1.2.3.4/31")]
    [InlineData("1.2.3.4/255.255.255.248", "1.2.3.0/29")]
    [InlineData("1.2.3.4/255.255.254.0", "1.2.2.0/23")]
    [InlineData("1.2.3.4/255.252.0.0", "1.0.0.0/14")]
    [InlineData("1.2.3.4/254.0.0.0", "0.0.0.0/7")]
    [InlineData("1.2.3.4/0.0.0.0", "0.0.0.0/0")]
    [InlineData("1:2:3:4:5:6:7:8/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:2:3:4:5:6:7:8/128")]
    [InlineData("1:2:3:4:5:6:7:8/ffff:0000:0000:0000:0000:0000:0000:0000", "1::/16")]
    [InlineData("1:2:3:4:5:6:7:8/0000:0000:0000:0000:0000:0000:0000:0000", "::/0")]
    public void SubnetMasksNormalize(string text, string expected) =>
        Assert.Equal(expected, HostResolver.LookupSubNet(text).ToString());

    [Fact]
    public void SubnetMatching()
    {
        Assert.Equal(HostResolver.LookupSubNet("1.2.3.0/24"), HostResolver.LookupSubNet("1.2.3.0/255.255.255.0"));
        Assert.True(HostResolver.LookupSubNet("1.2.3.0/24").Match(Ip("1.2.3.4")));
        Assert.False(HostResolver.LookupSubNet("1.2.2.0/24").Match(Ip("1.2.3.4")));
        Assert.True(HostResolver.LookupSubNet("::ffff:127.0.0.1").Match(Ip("127.0.0.1")));
        Assert.True(HostResolver.LookupSubNet("1:2:3:4:5:6:7:0/112").Match(Ip("1:2:3:4:5:6:7:1234")));
        Assert.True(HostResolver.LookupSubNet("1.2.2.20/26").Match(Ip("1.2.2.63")));
        Assert.True(HostResolver.LookupSubNet("::/0").Match(Ip("1:2:3:4:5:6:7:1234")));
        Assert.False(HostResolver.LookupSubNet("::/0").Match(Ip("1.2.3.4")));
        Assert.False(HostResolver.LookupSubNet("0.0.0.0/0").Match(Ip("1:2:3:4:5:6:7:1234")));
        Assert.False(SubNet.Invalid.Match(Ip("1.2.3.4")));
        Assert.False(HostResolver.LookupSubNet("1.2.3.0/-1").IsValid);
        Assert.False(HostResolver.LookupSubNet("1.2.3.0/+24").IsValid);
        Assert.False(HostResolver.LookupSubNet("1.2.3.0/33").IsValid);
        Assert.True(HostResolver.LookupSubNet("1:2:3:4:5:6:7:8/33").IsValid);
        Assert.False(HostResolver.LookupSubNet("1:2:3:4:5:6:7:8/129").IsValid);
        Assert.False(HostResolver.LookupSubNet("1.2.3.4/255.255.232.0").IsValid);
        Assert.False(HostResolver.LookupSubNet("fuzzy").IsValid);
        Assert.Equal("127.0.0.1/32", SubNet.Single(Ip("127.0.0.1")).ToString());
        Assert.Equal("1.0.0.0/8", SubNet.FromCidr(Ip("1.2.3.4"), 8).ToString());
        var tor = SubNet.Single(Ip(Onion));
        Assert.Equal(Onion, tor.ToString());
        Assert.True(tor.Match(Ip(Onion)));
        Assert.False(SubNet.FromCidr(Ip(Onion), 200).IsValid);
    }

    [Theory]
    [InlineData("1.2.3.4", "010401020304")]
    [InlineData("1a1b:2a2b:3a3b:4a4b:5a5b:6a6b:7a7b:8a8b", "02101a1b2a2b3a3b4a4b5a5b6a6b7a7b8a8b")]
    [InlineData("kpgvmscirrdqpekbqjsvw5teanhatztpp2gl6eee4zkowvwfxwenqaid.onion", "042053cd5648488c4707914182655b7664034e09e66f7e8cbf1084e654eb56c5bd88")]
    public void Bip155SerializationRoundTrips(string text, string hex)
    {
        var writer = new ByteWriter();
        Ip(text).WriteV2(writer);
        Assert.Equal(hex, Convert.ToHexStringLower(writer.WrittenSpan));
        var reader = new SpanReader(writer.ToArray());
        Assert.Equal(text.ToLowerInvariant(), NetAddress.ReadV2(ref reader).ToStringAddr());
    }

    [Fact]
    public void Bip155RejectsLengthMismatchWithoutReadingPastTheEnd()
    {
        // IPv4 with a length of 5, and an address shorter than its declared length.
        Assert.ThrowsAny<Exception>(() =>
        {
            var reader = new SpanReader(Convert.FromHexString("01050102030405"));
            return NetAddress.ReadV2(ref reader);
        });
        Assert.ThrowsAny<Exception>(() =>
        {
            var reader = new SpanReader(Convert.FromHexString("01040102"));
            return NetAddress.ReadV2(ref reader);
        });
        // A huge declared length (over 512) is refused before anything is allocated.
        Assert.ThrowsAny<Exception>(() =>
        {
            var reader = new SpanReader(Convert.FromHexString("01fe00000001"));
            return NetAddress.ReadV2(ref reader);
        });
    }

    [Fact]
    public void Ipv6TextFollowsRfc5952()
    {
        Assert.Equal("1:2:3:4:5:6:7:8", Ip("0001:0002:0003:0004:0005:0006:0007:0008").ToStringAddr());
        Assert.Equal("2001:db8::1", Ip("2001:0db8:0000:0000:0000:0000:0000:0001").ToStringAddr());
        Assert.Equal("2001:db8:0:1:1:1:1:1", Ip("2001:db8:0:1:1:1:1:1").ToStringAddr());
        Assert.Equal("2001:0:0:1::1", Ip("2001:0:0:1:0:0:0:1").ToStringAddr());
        Assert.Equal("::", HostResolver.LookupNumeric("::", 0).Address.ToStringAddr());
    }

    [Theory]
    [InlineData("127.0.0.1", "00")]
    [InlineData("10.0.0.1", "00")]
    [InlineData("169.254.1.1", "00")]
    [InlineData("1.2.3.4", "010102")]
    [InlineData("::FFFF:0:102:304", "010102")]
    [InlineData("64:FF9B::102:304", "010102")]
    [InlineData("2002:102:304:9999:9999:9999:9999:9999", "010102")]
    [InlineData("2001:0:9999:9999:9999:9999:FEFD:FCFB", "010102")]
    [InlineData("2001:470:abcd:9999:9999:9999:9999:9999", "02200104" + "70af")]
    [InlineData("2001:2001:9999:9999:9999:9999:9999:9999", "0220012001")]
    public void NetGroupsFollowCore(string address, string group) =>
        Assert.Equal(group, Convert.ToHexStringLower(NetGroup.GetGroup(Ip(address))));
}
