using Capnp.Rpc.Tests.Schema;

namespace Capnp.Rpc.Tests.Servers;

/// <summary>A Callback answering value * <paramref name="factor"/>, counting its calls and its lifetime.</summary>
internal sealed class CallbackServer(LiveObjects live, long factor) : Callback.Server, IDisposable
{
    private int _calls;
    private int _disposed;

    public int Calls => Volatile.Read(ref _calls);

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public static CallbackServer Create(LiveObjects live, long factor)
    {
        live.Created();
        return new CallbackServer(live, factor);
    }

    public override ValueTask CallAsync(CallContext<Callback.CallParams, Callback.CallResults.Builder> context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var results = context.Results;
        results.Result = context.Params.Value * factor;
        return default;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            live.Disposed();
    }
}
