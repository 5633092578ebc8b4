using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bitcoin.Wallet.Tests.Spend;
using NBitcoin;

namespace Wallet.Bench;

/// <summary>
/// getbalance and listunspent on a wallet that received 10,000 transactions (one output each, to 200 of its
/// addresses, in 100 blocks), each against the same RPC on an empty wallet as the baseline (the cost of the call
/// itself), so the ratio is what 10,000 transactions add.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class BalanceBenchmarks
{
    private const int Transactions = 10_000;
    private const int PerBlock = 100;
    private WalletFixture _fixture = null!;
    private WalletRpc _full = null!;
    private WalletRpc _empty = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Unsafe sync only speeds up writing the 10,000 transactions during set-up; the timed calls only read.
        _fixture = new WalletFixture("-keypool=200", "-unsafesqlitesync");
        _fixture.CreateWallet("empty");
        var scripts = Enumerable.Range(0, 200).Select(_ => _fixture.NewAddress().ToScript()).ToList();
        for (int block = 0; block < Transactions / PerBlock; block++)
        {
            var payments = Enumerable.Range(0, PerBlock)
                .Select(i => FakeChain.Payment(scripts[(block * PerBlock + i) % scripts.Count], Money.Satoshis(10_000 + i)))
                .ToArray();
            _fixture.Chain.Mine(payments);
        }

        _full = new WalletRpc(_fixture.Context, "w");
        _empty = new WalletRpc(_fixture.Context, "empty");
        var unspent = _full.Call("listunspent")!.AsArray().Count;
        if (unspent != Transactions)
            throw new InvalidOperationException($"set-up: the wallet lists {unspent} coins, expected {Transactions}");
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [BenchmarkCategory("getbalance"), Benchmark(Baseline = true, Description = "getbalance, empty wallet")]
    public object? GetBalanceEmpty() => _empty.Call("getbalance");

    [BenchmarkCategory("getbalance"), Benchmark(Description = "getbalance, 10,000 transactions")]
    public object? GetBalance() => _full.Call("getbalance");

    [BenchmarkCategory("listunspent"), Benchmark(Baseline = true, Description = "listunspent, empty wallet")]
    public object? ListUnspentEmpty() => _empty.Call("listunspent");

    [BenchmarkCategory("listunspent"), Benchmark(Description = "listunspent, 10,000 transactions")]
    public object? ListUnspent() => _full.Call("listunspent");
}
