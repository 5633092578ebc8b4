using BenchmarkDotNet.Attributes;
using Bitcoin.Wallet.CoinSelection;
using NBitcoin;

namespace Wallet.Bench;

/// <summary>
/// Coin selection over 10,000 UTXOs (P2WPKH, values spread exponentially around 0.01 BTC) for a 0.5 BTC payment at
/// 25 sat/vB, per algorithm, against a baseline that only sorts the UTXOs by value. BnB and CoinGrinder stop at Core's
/// 100,000-attempt limit on a pool this size.
/// </summary>
[MemoryDiagnoser]
public class CoinSelectionBenchmarks
{
    private const int Utxos = 10_000;
    private const long Target = 50_000_000;
    private List<OutputGroup> _pool = null!;
    private CoinSelectionParams _params = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_260_801);
        _params = new CoinSelectionParams(new CoinSelectionRandom(1), 31, 68, 50_000, TxFeeRate.FromSatoshisPerKvB(25_000),
            TxFeeRate.FromSatoshisPerKvB(10_000), TxFeeRate.FromSatoshisPerKvB(3_000), 42, false);
        _params.ChangeFee = _params.EffectiveFeeRate.GetFee(_params.ChangeOutputSize);
        _params.CostOfChange = _params.DiscardFeeRate.GetFee(_params.ChangeSpendSize) + _params.ChangeFee;
        _params.MinViableChange = _params.DiscardFeeRate.GetFee(_params.ChangeSpendSize);
        _pool = new List<OutputGroup>(Utxos);
        for (int i = 0; i < Utxos; i++)
        {
            long value = 10_000 + (long)(-Math.Log(1 - random.NextDouble()) * 1_000_000);
            var txid = new byte[32];
            random.NextBytes(txid);
            var coin = new CoinOutput(new OutPoint(new uint256(txid), 0), new TxOut(Money.Satoshis(value), Script.Empty), 6, 68, true, true, 0,
                false, _params.EffectiveFeeRate);
            var group = new OutputGroup(_params);
            group.Insert(coin, 0, 0);
            _pool.Add(group);
        }
    }

    [Benchmark(Baseline = true, Description = "sort 10,000 UTXOs by value")]
    public long SortByValue()
    {
        var copy = new List<OutputGroup>(_pool);
        copy.Sort((a, b) => b.SelectionAmount.CompareTo(a.SelectionAmount));
        return copy[0].SelectionAmount;
    }

    [Benchmark(Description = "BnB")]
    public bool BranchAndBound() =>
        CoinSelectionAlgorithms.SelectCoinsBnB(new List<OutputGroup>(_pool), Target, _params.CostOfChange, CoinSelector.MaxStandardTxWeight).Success;

    [Benchmark(Description = "CoinGrinder")]
    public bool CoinGrinder() =>
        CoinSelectionAlgorithms.CoinGrinder(new List<OutputGroup>(_pool), Target, _params.MinChangeTarget, CoinSelector.MaxStandardTxWeight).Success;

    [Benchmark(Description = "Knapsack")]
    public bool Knapsack() =>
        CoinSelectionAlgorithms.KnapsackSolver(new List<OutputGroup>(_pool), Target, _params.MinChangeTarget, _params.Random, CoinSelector.MaxStandardTxWeight).Success;

    [Benchmark(Description = "SRD")]
    public bool SingleRandomDraw() =>
        CoinSelectionAlgorithms.SelectCoinsSrd(_pool, Target, _params.ChangeFee, _params.Random, CoinSelector.MaxStandardTxWeight).Success;
}
