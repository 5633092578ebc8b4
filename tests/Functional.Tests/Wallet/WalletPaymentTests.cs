using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Wallet;

/// <summary>Two wallets of one bitcoind paying each other: pending and confirmed balances, reorgs and fee bumps.</summary>
public sealed class WalletPaymentTests
{
    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task TwoWalletsPayEachOtherAndPaymentsConfirm(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var alice = await node.CreateFundedWalletAsync("alice");
        using var bob = await node.CreateWalletAsync("bob");
        Assert.Equal(50m, await alice.TrustedAsync());

        var txid = (await alice.CallAsync("sendtoaddress", await bob.NewAddressAsync(), 10))!.GetValue<string>();
        await node.SyncWalletsAsync();

        // Bob sees the payment as untrusted pending (not his own inputs) until it confirms; Alice's change is trusted.
        var bobPending = await bob.MineBalancesAsync();
        Assert.Equal(0m, bobPending["trusted"]!.GetValue<decimal>());
        Assert.Equal(10m, bobPending["untrusted_pending"]!.GetValue<decimal>());
        var sent = await alice.TransactionAsync(txid);
        var fee = -sent["fee"]!.GetValue<decimal>();
        Assert.True(fee > 0);
        Assert.Equal(0, sent["confirmations"]!.GetValue<int>());
        Assert.Equal(40m - fee, await alice.TrustedAsync());
        Assert.Contains(txid, await node.MempoolAsync());

        await node.GenerateAsync(1);
        Assert.Equal(10m, await bob.TrustedAsync());
        var received = await bob.TransactionAsync(txid);
        Assert.Equal(1, received["confirmations"]!.GetValue<int>());
        Assert.Equal("receive", received["details"]![0]!["category"]!.GetValue<string>());

        // Bob spends the received coin back to Alice: both views agree on the amounts.
        var back = (await bob.CallAsync("sendtoaddress", await alice.NewAddressAsync(), 4))!.GetValue<string>();
        await node.GenerateAsync(1);
        var backFee = -(await bob.TransactionAsync(back))["fee"]!.GetValue<decimal>();
        Assert.Equal(6m - backFee, await bob.TrustedAsync());
        // Each of the two blocks since also matured one more of Alice's coinbases.
        Assert.Equal(144m - fee, await alice.TrustedAsync());
        var aliceReceive = (await alice.CallAsync("listtransactions", "*", 10))!.AsArray()
            .Single(t => t!["txid"]!.GetValue<string>() == back && t["category"]!.GetValue<string>() == "receive");
        Assert.Equal(4m, aliceReceive!["amount"]!.GetValue<decimal>());
    }

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task ReorgUnconfirmsPaymentAndReconsiderConfirmsItAgain(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var alice = await node.CreateFundedWalletAsync("alice");
        using var bob = await node.CreateWalletAsync("bob");
        var txid = (await alice.CallAsync("sendtoaddress", await bob.NewAddressAsync(), 7))!.GetValue<string>();
        var block = (await node.GenerateAsync(1))[0];
        Assert.Equal(7m, await bob.TrustedAsync());
        Assert.Equal(block, (await bob.TransactionAsync(txid))["blockhash"]!.GetValue<string>());

        await node.RpcAsync("invalidateblock", block);
        await node.SyncWalletsAsync();

        // The payment is back in the mempool, unconfirmed: Bob's coin is pending again, not lost and not trusted.
        var unconfirmed = await bob.TransactionAsync(txid);
        Assert.Equal(0, unconfirmed["confirmations"]!.GetValue<int>());
        Assert.Null(unconfirmed["blockhash"]);
        var balances = await bob.MineBalancesAsync();
        Assert.Equal(0m, balances["trusted"]!.GetValue<decimal>());
        Assert.Equal(7m, balances["untrusted_pending"]!.GetValue<decimal>());
        Assert.Contains(txid, await node.MempoolAsync());
        var sinceBlock = (await bob.CallAsync("listsinceblock", block))!.AsObject();
        Assert.Contains(sinceBlock["transactions"]!.AsArray(), t => t!["txid"]!.GetValue<string>() == txid);

        await node.RpcAsync("reconsiderblock", block);
        Assert.Equal(7m, await bob.TrustedAsync());
        Assert.Equal(1, (await bob.TransactionAsync(txid))["confirmations"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task BumpFeeReplacesUnconfirmedPaymentAndOnlyTheReplacementConfirms(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var alice = await node.CreateFundedWalletAsync("alice");
        using var bob = await node.CreateWalletAsync("bob");
        var original = (await alice.CallAsync("sendtoaddress", await bob.NewAddressAsync(), 5))!.GetValue<string>();
        var originalFee = -(await alice.TransactionAsync(original))["fee"]!.GetValue<decimal>();

        var bump = (await alice.CallAsync("bumpfee", original))!.AsObject();
        var replacement = bump["txid"]!.GetValue<string>();
        await node.SyncWalletsAsync();
        Assert.Equal(originalFee, bump["origfee"]!.GetValue<decimal>());
        Assert.True(bump["fee"]!.GetValue<decimal>() > originalFee);
        Assert.Empty(bump["errors"]!.AsArray());

        var mempool = await node.MempoolAsync();
        Assert.Contains(replacement, mempool);
        Assert.DoesNotContain(original, mempool);
        var replaced = await alice.TransactionAsync(original);
        Assert.Equal(replacement, replaced["replaced_by_txid"]!.GetValue<string>());
        Assert.Contains(replaced["walletconflicts"]!.AsArray(), c => c!.GetValue<string>() == replacement);
        Assert.Equal(original, (await alice.TransactionAsync(replacement))["replaces_txid"]!.GetValue<string>());
        // A replaced transaction cannot be bumped again.
        await alice.AssertErrorAsync(-4, $"Cannot bump transaction {original} which was already bumped by transaction {replacement}", "bumpfee", original);

        await node.GenerateAsync(1);
        Assert.Equal(5m, await bob.TrustedAsync());
        Assert.Equal(-1, (await alice.TransactionAsync(original))["confirmations"]!.GetValue<int>());
        // The block also matured another 50 BTC coinbase of Alice's.
        Assert.Equal(95m - bump["fee"]!.GetValue<decimal>(), await alice.TrustedAsync());
    }
}
