using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Tests.Spend;
using NBitcoin;

namespace Wallet.Bench;

/// <summary>
/// rescanblockchain over 2,000 blocks of 20 transactions each (one in ten pays the wallet), against a baseline that
/// only reads the same blocks through IChain and hashes their transactions: the least any rescan must do.
/// </summary>
[MemoryDiagnoser]
public class RescanBenchmarks
{
    /// <summary>Blocks scanned per operation (for blocks/s).</summary>
    public const int Blocks = 2_000;
    private const int TransactionsPerBlock = 20;
    private WalletFixture _fixture = null!;
    private WalletRpc _rpc = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new WalletFixture("-keypool=100", "-unsafesqlitesync");
        var scripts = Enumerable.Range(0, 100).Select(_ => _fixture.NewAddress().ToScript()).ToList();
        var stranger = new Key().PubKey.WitHash.ScriptPubKey;
        for (int block = 0; block < Blocks; block++)
        {
            var txs = Enumerable.Range(0, TransactionsPerBlock)
                .Select(i => FakeChain.Payment(i % 10 == 0 ? scripts[block % scripts.Count] : stranger, Money.Satoshis(50_000)))
                .ToArray();
            _fixture.Chain.Mine(txs);
        }

        _rpc = new WalletRpc(_fixture.Context, "w");
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "read 2,000 blocks through IChain")]
    public int ReadBlocks()
    {
        int transactions = 0;
        var chain = _fixture.Chain;
        for (int height = 1; height <= Blocks; height++)
        {
            chain.FindBlock(chain.GetBlockHash(height), new FoundBlockRequest { WantData = true }, out var found);
            foreach (var tx in found.Data!.Transactions)
            {
                tx.GetHash();
                transactions++;
            }
        }

        return transactions;
    }

    [Benchmark(Description = "rescanblockchain, 2,000 blocks")]
    public JsonNode? Rescan() => _rpc.Call("rescanblockchain", JsonValue.Create(1));
}
