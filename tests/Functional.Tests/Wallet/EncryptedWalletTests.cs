using Functional.Tests.Infrastructure;

namespace Functional.Tests.Wallet;

/// <summary>An encrypted wallet spends only while unlocked by walletpassphrase, and locks again when the time is up.</summary>
public sealed class EncryptedWalletTests
{
    private const string Passphrase = "correct horse battery staple";
    private const string LockedMessage = "Error: Please enter the wallet passphrase with walletpassphrase first.";

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task LockedWalletRefusesToSendUnlockedSendsAndTimeoutRelocks(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var wallet = await node.CreateFundedWalletAsync("vault", Passphrase);
        using var payee = await node.CreateWalletAsync("payee");
        var address = await payee.NewAddressAsync();

        await wallet.AssertErrorAsync(-13, LockedMessage, "sendtoaddress", address, 1);
        await wallet.AssertErrorAsync(-14, "Error: The wallet passphrase entered was incorrect.", "walletpassphrase", "wrong", 60);
        Assert.Equal(0, (await wallet.CallAsync("getwalletinfo"))!["unlocked_until"]!.GetValue<long>());

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await node.RpcAsync("setmocktime", now);
        await wallet.CallAsync("walletpassphrase", Passphrase, 60);
        Assert.Equal(now + 60, (await wallet.CallAsync("getwalletinfo"))!["unlocked_until"]!.GetValue<long>());
        var txid = (await wallet.CallAsync("sendtoaddress", address, 1))!.GetValue<string>();
        Assert.Contains(txid, await node.MempoolAsync());

        // A second walletpassphrase replaces the timeout rather than adding to it.
        await wallet.CallAsync("walletpassphrase", Passphrase, 30);
        Assert.Equal(now + 30, (await wallet.CallAsync("getwalletinfo"))!["unlocked_until"]!.GetValue<long>());

        // Thirty seconds later (on the mock clock) the wallet is locked again and refuses to sign.
        await node.RpcAsync("setmocktime", now + 30);
        Assert.Equal(0, (await wallet.CallAsync("getwalletinfo"))!["unlocked_until"]!.GetValue<long>());
        await wallet.AssertErrorAsync(-13, LockedMessage, "sendtoaddress", address, 1);

        // walletlock ends an unlock at once.
        await wallet.CallAsync("walletpassphrase", Passphrase, 600);
        await wallet.CallAsync("walletlock");
        Assert.Equal(0, (await wallet.CallAsync("getwalletinfo"))!["unlocked_until"]!.GetValue<long>());
        await wallet.AssertErrorAsync(-13, LockedMessage, "signmessage", address, "hello");
    }

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task EncryptedWalletFileHoldsNoPlainPrivateKey(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var wallet = await node.CreateWalletAsync("plain");
        var descriptors = (await wallet.CallAsync("listdescriptors", true))!["descriptors"]!.AsArray();
        var xprv = descriptors[0]!["desc"]!.GetValue<string>();
        xprv = xprv[(xprv.IndexOf("tprv", StringComparison.Ordinal))..];
        xprv = xprv[..xprv.IndexOfAny(['/', ')'])];

        await wallet.CallAsync("encryptwallet", Passphrase);
        await node.RpcAsync("unloadwallet", "plain");

        // Neither the extended private key's text nor its 32-byte secret is anywhere in the file.
        var file = File.ReadAllBytes(Path.Combine(node.NetDir, "wallets", "plain", "wallet.dat"));
        var secret = Base58.Decode(xprv)[46..78];
        Assert.Equal(-1, file.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(xprv)));
        Assert.Equal(-1, file.AsSpan().IndexOf(secret));
    }
}
