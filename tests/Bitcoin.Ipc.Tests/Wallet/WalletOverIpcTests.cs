using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;

namespace Bitcoin.Ipc.Tests.Wallet;

/// <summary>Every <see cref="IWallet"/> and <see cref="IWalletLoader"/> member called through a socket pair gives what
/// the direct call on the same implementation gives, and the implementation sees the same arguments.</summary>
public sealed class WalletOverIpcTests
{
    public static TheoryData<string> Members() => [.. WalletMemberCases.All.Keys];

    [Theory]
    [MemberData(nameof(Members))]
    public async Task WalletMemberCrossesTheConnectionUnchanged(string member)
    {
        var call = WalletMemberCases.All[member];
        var directCalls = new List<string>();
        string expected;
        using (var direct = new FakeWallet(directCalls)) expected = Canon.Of(call(direct));

        var loader = new FakeWalletLoader();
        await using var pair = new IpcTestPair(walletLoader: loader);
        using var proxyLoader = pair.MakeWalletLoader();
        string actual;
        using (var wallet = proxyLoader.LoadWallet("w1", out _).Value!) actual = Canon.Of(call(wallet));

        // The served wallet saw the same calls, ending with its release (the proxy's destroy) as the direct one's Dispose.
        var served = loader.Calls.Where(static c => c.StartsWith("w1.", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(directCalls, served);
    }

    [Fact]
    public void EveryWalletMemberHasACase()
    {
        var members = typeof(IWallet).GetMethods().Select(static m => m.Name).Order().ToList();
        Assert.Equal(members, WalletMemberCases.All.Keys.Order().ToList());
    }

    [Fact]
    public async Task LoaderMembersCrossTheConnectionUnchanged()
    {
        static object? Exercise(IWalletLoader l)
        {
            var results = new List<object?>();
            l.RegisterRpcs();
            results.Add(l.Verify());
            results.Add(l.Load());
            l.Start();
            l.SetMockTime(1_700_000_000);
            l.SchedulerMockForward(600);
            using (var created = l.CreateWallet("new", "pw", 1UL << 33, out var warnings).Value!) results.Add((created.GetWalletName(), warnings));
            var failed = l.CreateWallet("", "", 0, out var failedWarnings);
            results.Add((failed.Error, failedWarnings));
            using (var loaded = l.LoadWallet("w1", out var loadWarnings).Value!) results.Add((loaded.GetWalletName(), loadWarnings));
            results.Add(l.GetWalletDir());
            var restored = l.RestoreWallet("/backups/w.dat", "r", out var restoreWarnings, loadAfterRestore: false);
            results.Add((restored.Succeeded, restored.Value, restoreWarnings));
            using (var restoredLoaded = l.RestoreWallet("/backups/w.dat", "r2", out _, loadAfterRestore: true).Value!) results.Add(restoredLoaded.GetWalletName());
            results.Add(l.MigrateWallet("legacy", "pw", false).Error);
            results.Add((l.IsEncrypted("secret"), l.IsEncrypted("plain")));
            results.Add(l.ListWalletDir());
            foreach (var wallet in l.GetWallets())
            {
                results.Add(wallet.GetWalletName());
                wallet.Dispose();
            }

            var loadedNames = new List<string>();
            using (l.HandleLoadWallet(new LoadRecorder(loadedNames))) results.Add(loadedNames);
            l.Stop();
            return results;
        }

        var direct = new FakeWalletLoader();
        var expected = Canon.Of(Exercise(direct));

        var served = new FakeWalletLoader();
        await using var pair = new IpcTestPair(walletLoader: served);
        using var proxy = pair.MakeWalletLoader();
        var actual = Canon.Of(Exercise(proxy));

        Assert.Equal(expected, actual);
        Assert.Equal(direct.Calls, served.Calls);
    }

    private sealed class LoadRecorder(List<string> names) : ILoadWalletCallback
    {
        public void Call(IWallet wallet)
        {
            using (wallet) names.Add(wallet.GetWalletName());
        }
    }
}
