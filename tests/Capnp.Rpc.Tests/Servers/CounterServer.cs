using Capnp.Rpc.Tests.Schema;

namespace Capnp.Rpc.Tests.Servers;

/// <summary>A Counter that reports its lifetime to <see cref="LiveObjects"/>: disposed when its last reference goes.</summary>
internal sealed class CounterServer : Counter.Server, IDisposable
{
    private readonly LiveObjects _live;
    private long _value;
    private int _disposed;

    public CounterServer(LiveObjects live, long start, string name = "counter")
    {
        _live = live;
        _value = start;
        Name = name;
        live.Created();
    }

    public string Name { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override ValueTask IncrementAsync(CallContext<Counter.IncrementParams, Counter.IncrementResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.Value = Interlocked.Add(ref _value, context.Params.By);
        return default;
    }

    public override ValueTask NameAsync(CallContext<Named.NameParams, Named.NameResults.Builder> context, CancellationToken cancellationToken)
    {
        context.Results.SetName(Name);
        return default;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            _live.Disposed();
    }
}
