using BenchmarkDotNet.Attributes;

namespace Capnp.Rpc.Bench;

/// <summary>The baseline: the same calls made in this process through a plain C# interface, without Cap'n Proto
/// (the 1 MB call copies the bytes once into a reused buffer, as a caller filling a pooled message would, and sums
/// them as the server does).</summary>
[MemoryDiagnoser]
public class InProcessBenchmarks
{
    private readonly byte[] _payload = new byte[1 << 20];
    private readonly byte[] _copy = new byte[1 << 20];
    private readonly IService _service = new Service();

    /// <summary>What the TestService's add and data methods do, as a plain interface.</summary>
    public interface IService
    {
        ValueTask<long> AddAsync(long a, long b);

        ValueTask<(ulong Length, ulong Checksum)> DataAsync(ReadOnlyMemory<byte> payload);
    }

    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_payload);

    [Benchmark(Description = "in-process call, small")]
    public async Task<long> Add() => await _service.AddAsync(1, 2);

    [Benchmark(Description = "in-process call with 1 MB (one copy)")]
    public async Task<ulong> OneMegabyte()
    {
        _payload.CopyTo(_copy, 0);
        var (_, checksum) = await _service.DataAsync(_copy);
        return checksum;
    }

    private sealed class Service : IService
    {
        public ValueTask<long> AddAsync(long a, long b) => ValueTask.FromResult(a + b);

        public ValueTask<(ulong Length, ulong Checksum)> DataAsync(ReadOnlyMemory<byte> payload)
        {
            ulong sum = 0;
            foreach (var b in payload.Span)
                sum += b;
            return ValueTask.FromResult(((ulong)payload.Length, sum));
        }
    }
}
