using Bitcoin.Common.Util;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Bans;

namespace Bitcoin.Node.Tests.Net;

// The ban manager (Core's banman_tests and the behaviour rpc_setban.py / p2p_disconnect_ban.py check).
public sealed class BanManTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("banman-tests-").FullName;

    public void Dispose()
    {
        NodeClock.SetMockTime(0);
        Directory.Delete(_dir, recursive: true);
    }

    private static NetAddress Ip(string text) => HostResolver.LookupHost(text, false)!;

    [Fact]
    public void BansSubnetsAndExpiry()
    {
        NodeClock.SetMockTime(1_700_000_000);
        var banman = new BanMan(Path.Combine(_dir, "banlist"));
        banman.Ban(HostResolver.LookupSubNet("127.0.0.0/24"), 0, sinceUnixEpoch: false);
        Assert.True(banman.IsBanned(Ip("127.0.0.1")));
        Assert.True(banman.IsBanned(Ip("127.0.0.255")));
        Assert.False(banman.IsBanned(Ip("127.0.1.1")));
        var entry = Assert.Single(banman.GetBanned());
        Assert.Equal("127.0.0.0/24", entry.Key.ToString());
        Assert.Equal(1_700_000_000 + BanMan.DefaultBanTime, entry.Value.BanUntil);

        banman.Ban(Ip("192.168.0.1"), 1_700_000_100, sinceUnixEpoch: true);
        Assert.Equal(2, banman.GetBanned().Count);
        NodeClock.SetMockTime(1_700_000_101);
        // Expired bans are swept when listed.
        Assert.Single(banman.GetBanned());
        Assert.False(banman.IsBanned(Ip("192.168.0.1")));

        Assert.True(banman.Unban(HostResolver.LookupSubNet("127.0.0.0/24")));
        Assert.False(banman.Unban(HostResolver.LookupSubNet("127.0.0.0/24")));
        Assert.Empty(banman.GetBanned());
    }

    [Fact]
    public void DiscouragementIsSeparateFromBansAndSurvivesClearBanned()
    {
        var banman = new BanMan(Path.Combine(_dir, "banlist"));
        banman.Discourage(Ip("1.2.3.4"));
        Assert.True(banman.IsDiscouraged(Ip("1.2.3.4")));
        Assert.False(banman.IsBanned(Ip("1.2.3.4")));
        Assert.Empty(banman.GetBanned());
        // clearbanned empties the ban list only; discouragement lasts until the filter rolls over (Core's ClearBanned).
        banman.ClearBanned();
        Assert.True(banman.IsDiscouraged(Ip("1.2.3.4")));
    }

    [Fact]
    public void BanListPersistsInBanlistJson()
    {
        var path = Path.Combine(_dir, "banlist");
        var banman = new BanMan(path);
        banman.Ban(HostResolver.LookupSubNet("1.2.3.0/24"), 3600, sinceUnixEpoch: false);
        banman.Ban(Ip("2001:4860::8888"), 3600, sinceUnixEpoch: false);
        banman.DumpBanlist();
        var json = File.ReadAllText(path + ".json");
        Assert.Contains("\"banned_nets\"", json, StringComparison.Ordinal);
        Assert.Contains("\"1.2.3.0/24\"", json, StringComparison.Ordinal);
        var reloaded = new BanMan(path);
        Assert.Equal(["1.2.3.0/24", "2001:4860::8888/128"], reloaded.GetBanned().Select(b => b.Key.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnreadableBanlistIsRecreated()
    {
        var path = Path.Combine(_dir, "banlist");
        File.WriteAllText(path + ".json", "{ not json");
        var banman = new BanMan(path);
        Assert.Empty(banman.GetBanned());
    }
}
