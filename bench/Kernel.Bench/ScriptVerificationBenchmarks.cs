using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Bitcoin.Kernel.Consensus;

namespace Kernel.Bench;

/// <summary>
/// Verifying the scripts of one block of 200 P2WPKH and P2TR inputs: on the connecting thread alone (-par=1), on
/// all cores (-par=0), against a baseline of double-SHA256 over the same block bytes.
/// </summary>
[MemoryDiagnoser]
public class ScriptVerificationBenchmarks
{
    private SpendBlock _block = null!;
    private ScriptCheckQueue _sequential = null!;
    private ScriptCheckQueue _allCores = null!;

    [GlobalSetup]
    public void Setup()
    {
        _block = new SpendBlock(transactions: 50, inputsEach: 4);
        _sequential = new ScriptCheckQueue(ScriptCheckQueue.WorkerThreadsFromPar(1));
        _allCores = new ScriptCheckQueue(ScriptCheckQueue.WorkerThreadsFromPar(0));
        if (Verify(_sequential) != null || Verify(_allCores) != null) throw new InvalidOperationException("The benchmark block does not verify.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sequential.Dispose();
        _allCores.Dispose();
    }

    [Benchmark(Baseline = true, Description = "double-SHA256 of the block bytes")]
    public byte[] DoubleSha256() => SHA256.HashData(SHA256.HashData(_block.Bytes));

    [Benchmark(Description = "verify 200 inputs, 1 thread (-par=1)")]
    public ScriptCheckError? OneThread() => Verify(_sequential);

    [Benchmark(Description = "verify 200 inputs, all cores (-par=0)")]
    public ScriptCheckError? AllCores() => Verify(_allCores);

    private ScriptCheckError? Verify(ScriptCheckQueue queue)
    {
        queue.Add(_block.Checks());
        return queue.Complete();
    }
}
