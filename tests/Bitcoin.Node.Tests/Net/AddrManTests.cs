using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Tests.Net;

// The address manager: Core's deterministic bucket positions (rpc_net.py with -test=addrman), tables, selection,
// and peers.dat in Core's format.
public sealed class AddrManTests : IDisposable
{
    private static readonly byte[] Magic = [0xfa, 0xbf, 0xb5, 0xda];
    private readonly string _dir = Directory.CreateTempSubdirectory("addrman-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool AddAsRpc(AddrMan addrman, string host, ushort port, bool tried)
    {
        // As addpeeraddress: the address is its own source, NODE_NETWORK | NODE_WITNESS, seen now.
        var ip = HostResolver.LookupHost(host, allowLookup: false)!.MaybeFlipToCjdns(cjdnsReachable: true);
        var service = new ServiceAddress(ip, port);
        var address = new PeerAddress(service, ServiceFlags.Network | ServiceFlags.Witness, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        if (!addrman.Add([address], ip))
            return false;
        return !tried || addrman.Good(service);
    }

    private static AddrMan Seeded()
    {
        var addrman = new AddrMan(deterministic: true);
        Assert.True(AddAsRpc(addrman, "1.2.3.4", 8333, tried: true));
        Assert.True(AddAsRpc(addrman, "2.0.0.0", 8333, tried: false));
        Assert.True(AddAsRpc(addrman, "1233:3432:2434:2343:3234:2345:6546:4534", 8333, tried: true));
        Assert.True(AddAsRpc(addrman, "2803:0:1234:abcd::1", 45324, tried: false));
        Assert.True(AddAsRpc(addrman, "fc00:1:2:3:4:5:6:7", 8333, tried: false));
        Assert.True(AddAsRpc(addrman, "pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion", 8333, tried: true));
        Assert.True(AddAsRpc(addrman, "nrfj6inpyf73gpkyool35hcmne5zwfmse3jl3aw23vk7chdemalyaqad.onion", 45324, tried: true));
        Assert.True(AddAsRpc(addrman, "c4gfnttsuwqomiygupdqqqyy5y5emnk5c73hrfvatri67prd7vyq.b32.i2p", 8333, tried: false));
        return addrman;
    }

    private static Dictionary<string, string> Positions(AddrMan addrman, bool tried) =>
        addrman.GetEntries(tried).ToDictionary(e => e.Address.Service.Address.ToStringAddr(), e => $"{e.Position.Bucket}/{e.Position.Position}");

    [Fact]
    public void DeterministicPositionsMatchCore()
    {
        var addrman = Seeded();
        var newTable = Positions(addrman, tried: false);
        Assert.Equal("82/8", newTable["2.0.0.0"]);
        Assert.Equal("336/24", newTable["fc00:1:2:3:4:5:6:7"]);
        Assert.Equal("963/46", newTable["c4gfnttsuwqomiygupdqqqyy5y5emnk5c73hrfvatri67prd7vyq.b32.i2p"]);
        Assert.Equal("613/6", newTable["2803:0:1234:abcd::1"]);
        var tried = Positions(addrman, tried: true);
        Assert.Equal("6/33", tried["1.2.3.4"]);
        Assert.Equal("197/34", tried["1233:3432:2434:2343:3234:2345:6546:4534"]);
        Assert.Equal("72/61", tried["pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion"]);
        Assert.Equal("139/46", tried["nrfj6inpyf73gpkyool35hcmne5zwfmse3jl3aw23vk7chdemalyaqad.onion"]);
        Assert.Equal(4, addrman.Size(null, inNew: true));
        Assert.Equal(4, addrman.Size(null, inNew: false));
        Assert.Equal(2, addrman.Size(NetKind.Onion));
    }

    [Fact]
    public void TriedCollisionAndDuplicatesAreRefused()
    {
        var addrman = new AddrMan(deterministic: true);
        Assert.True(AddAsRpc(addrman, "1.2.3.4", 8333, tried: true));
        // Already present: not added again, to either table.
        Assert.False(AddAsRpc(addrman, "1.2.3.4", 8333, tried: false));
        // Grinded by Core's rpc_net.py to collide with 1.2.3.4 in the tried table: stays in new.
        Assert.True(addrman.Add([new PeerAddress(new ServiceAddress(HostResolver.LookupHost("1.2.5.45", false)!, 8333), ServiceFlags.Network, DateTimeOffset.UtcNow.ToUnixTimeSeconds())],
            HostResolver.LookupHost("1.2.5.45", false)!));
        Assert.False(addrman.Good(new ServiceAddress(HostResolver.LookupHost("1.2.5.45", false)!, 8333)));
        Assert.Equal(1, addrman.Size(null, inNew: true));
        Assert.Equal(1, addrman.Size(null, inNew: false));
    }

    [Fact]
    public void SelectAndGetAddresses()
    {
        var addrman = Seeded();
        var selected = addrman.Select();
        Assert.NotNull(selected);
        Assert.NotNull(addrman.Select(newOnly: true));
        Assert.Equal(NetKind.Onion, addrman.Select(networks: [NetKind.Onion])!.Value.Address.Address.GetNetClass());
        Assert.Equal(8, addrman.GetAddresses(0, 0).Count);
        Assert.Equal(2, addrman.GetAddresses(0, 0, NetKind.Onion).Count);
        Assert.Equal(3, addrman.GetAddresses(3, 0).Count);
    }

    [Fact]
    public void PeersDatRoundTripsInCoresFormat()
    {
        var path = Path.Combine(_dir, "peers.dat");
        var addrman = Seeded();
        Assert.True(PeersDatFile.Write(path, addrman, Magic));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(Magic, bytes[..4]);
        Assert.Equal(4, bytes[4]); // format 4 (BIP155 and the deterministic-key fix)
        Assert.Equal(32 + 4, bytes[5]); // lowest compatible format, offset by 32
        var loaded = new AddrMan(deterministic: true);
        PeersDatFile.Read(path, loaded, Magic);
        Assert.Equal(Positions(addrman, false), Positions(loaded, false));
        Assert.Equal(Positions(addrman, true), Positions(loaded, true));
    }

    [Fact]
    public void CorruptPeersDatIsDetected()
    {
        var path = Path.Combine(_dir, "peers.dat");
        Assert.True(PeersDatFile.Write(path, Seeded(), Magic));
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 1;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SerializationException>(() => PeersDatFile.Read(path, new AddrMan(), Magic));
        Assert.Equal("Checksum mismatch, data corrupted", error.Message);
        var wrongNet = Assert.Throws<SerializationException>(() => PeersDatFile.Read(path, new AddrMan(), [0xf9, 0xbe, 0xb4, 0xd9]));
        Assert.Equal("Invalid network magic number", wrongNet.Message);
        Assert.Throws<FileNotFoundException>(() => PeersDatFile.Read(Path.Combine(_dir, "missing.dat"), new AddrMan(), Magic));
    }
}
