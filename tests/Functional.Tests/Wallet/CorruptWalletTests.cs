using System.Security.Cryptography;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Wallet;

/// <summary>A damaged wallet.dat is reported with Core's errors, at load and at start-up, and never written to.</summary>
public sealed class CorruptWalletTests
{
    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task WalletFileThatIsNotADatabaseIsReportedAndLeftAlone(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        var path = await CreateUnloadedWalletAsync(node, "w");
        var bytes = File.ReadAllBytes(path);
        // The SQLite header ("SQLite format 3") is gone: the file is no wallet database at all.
        RandomNumberGenerator.Fill(bytes.AsSpan(0, 100));
        File.WriteAllBytes(path, bytes);

        using var root = new WalletClient(node, null);
        var error = await Assert.ThrowsAsync<RpcError>(() => root.CallAsync("loadwallet", "w"));
        Assert.Equal(-18, error.Code);
        Assert.Equal($"Wallet file verification failed. Failed to load database path '{Path.GetDirectoryName(path)}'. Data is not in recognized format.", error.RpcMessage);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Empty((await root.CallAsync("listwallets"))!.AsArray());
    }

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task WalletFileWithDamagedPagesFailsToLoadAndStartupStopsWithoutTouchingIt(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        var path = await CreateUnloadedWalletAsync(node, "w");
        var bytes = File.ReadAllBytes(path);
        // Everything after the first page (the schema) is overwritten: the header still says SQLite, the records are gone.
        for (var i = 4096; i < bytes.Length; i++)
            bytes[i] = 0xa5;
        File.WriteAllBytes(path, bytes);
        var hash = SHA256.HashData(bytes);

        using var root = new WalletClient(node, null);
        var error = await Assert.ThrowsAsync<RpcError>(() => root.CallAsync("loadwallet", "w"));
        Assert.Equal(-4, error.Code);
        // SQLite's integrity check fails (Core's Verify): the wallet is not opened for use.
        Assert.StartsWith("Wallet file verification failed. ", error.RpcMessage, StringComparison.Ordinal);
        Assert.Contains("verify database", error.RpcMessage, StringComparison.Ordinal);
        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(0, await node.StopAsync());

        // Started with -wallet=w, the node refuses to run with the damaged wallet rather than replace it.
        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-wallet=w"]);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(path)));
        Assert.False(File.Exists(path + "-journal") && new FileInfo(path + "-journal").Length > 0);
    }

    private static async Task<string> CreateUnloadedWalletAsync(NodeProcess node, string name)
    {
        using (var wallet = await node.CreateWalletAsync(name))
        {
            for (var i = 0; i < 5; i++)
                await wallet.NewAddressAsync();
        }

        await node.RpcAsync("unloadwallet", name);
        return Path.Combine(node.NetDir, "wallets", name, "wallet.dat");
    }
}
