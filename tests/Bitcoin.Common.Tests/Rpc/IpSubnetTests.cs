using System.Net;
using Bitcoin.Common.Rpc.Http;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>-rpcallowip forms: the server drops connections from addresses no subnet contains (loopback is always allowed).</summary>
public class IpSubnetTests
{
    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4", true)]
    [InlineData("1.2.3.4", "1.2.3.5", false)]
    [InlineData("1.2.3.0/24", "1.2.3.200", true)]
    [InlineData("1.2.3.0/24", "1.2.4.1", false)]
    [InlineData("1.2.3.0/255.255.255.0", "1.2.3.9", true)]
    [InlineData("1.2.0.0/255.255.0.0", "1.3.0.1", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("::/0", "8.8.8.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    public void SubnetMatchesAddresses(string subnet, string address, bool contained)
        => Assert.Equal(contained, IpSubnet.TryParse(subnet)!.Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.2.3.4/33")]
    [InlineData("1.2.3.4/255.0.255.0")]
    [InlineData("example.com")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void InvalidSpecificationsAreRejected(string text) => Assert.Null(IpSubnet.TryParse(text));

    [Fact]
    public void SubnetIsShownWithItsPrefixLength()
        => Assert.Equal("1.2.3.0/24", IpSubnet.TryParse("1.2.3.77/255.255.255.0")!.ToString());
}
