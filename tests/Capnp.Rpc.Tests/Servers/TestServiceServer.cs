using Capnp.Rpc.Tests.Schema;

namespace Capnp.Rpc.Tests.Servers;

/// <summary>The C# implementation of the tests' TestService (the C++ peer has its own).</summary>
internal sealed class TestServiceServer(LiveObjects live) : TestService.Server, IDisposable
{
    private readonly object _gate = new();
    private Callback.Client _held;
    private int _cancelled;
    private int _disposed;

    public LiveObjects Live { get; } = live;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Completes when a call to `never` has started (tests cancel it after).</summary>
    public TaskCompletionSource NeverStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a call to `never` has seen its cancellation.</summary>
    public TaskCompletionSource NeverCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ValueTask NameAsync(CallContext<Named.NameParams, Named.NameResults.Builder> context, CancellationToken cancellationToken)
    {
        context.Results.SetName("c# test service");
        return default;
    }

    public override ValueTask EchoAsync(CallContext<TestService.EchoParams, TestService.EchoResults.Builder> context, CancellationToken cancellationToken)
    {
        context.Results.SetText(context.Params.Text.ToString());
        return default;
    }

    public override ValueTask AddAsync(CallContext<TestService.AddParams, TestService.AddResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.Sum = context.Params.A + context.Params.B;
        return default;
    }

    public override ValueTask NewCounterAsync(CallContext<TestService.NewCounterParams, TestService.NewCounterResults.Builder> context, CancellationToken cancellationToken)
    {
        using var counter = Counter.Client.FromServer(new CounterServer(Live, context.Params.Start));
        var results = context.Results;
        results.Counter = counter;
        return default;
    }

    public override ValueTask LiveCountersAsync(CallContext<TestService.LiveCountersParams, TestService.LiveCountersResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.Count = (uint)Live.Count;
        return default;
    }

    /// <summary>The server object the last `increment` call's counter turned out to be, if it is one of this process.</summary>
    public CapabilityServer? LastIncrementedLocal { get; private set; }

    public override async ValueTask IncrementAsync(CallContext<TestService.IncrementParams, TestService.IncrementResults.Builder> context, CancellationToken cancellationToken)
    {
        using var counter = context.Params.Counter;
        LastIncrementedLocal = await Capability.GetLocalServerAsync(counter.Hook!, cancellationToken);
        var request = counter.IncrementRequest();
        var p = request.Params;
        p.By = context.Params.By;
        using var response = await request.CallAsync(cancellationToken);
        var results = context.Results;
        results.Value = response.Results.Value;
    }

    public override async ValueTask CallBackAsync(CallContext<TestService.CallBackParams, TestService.CallBackResults.Builder> context, CancellationToken cancellationToken)
    {
        using var callback = context.Params.Callback;
        var request = callback.CallRequest();
        var p = request.Params;
        p.Value = context.Params.Value;
        using var response = await request.CallAsync(cancellationToken);
        var results = context.Results;
        results.Result = response.Results.Result;
    }

    public override ValueTask HoldCallbackAsync(CallContext<TestService.HoldCallbackParams, TestService.HoldCallbackResults.Builder> context, CancellationToken cancellationToken)
    {
        var callback = context.Params.Callback;
        Callback.Client previous;
        lock (_gate)
        {
            previous = _held;
            _held = callback;
        }

        previous.Dispose();
        return default;
    }

    public override async ValueTask CallHeldAsync(CallContext<TestService.CallHeldParams, TestService.CallHeldResults.Builder> context, CancellationToken cancellationToken)
    {
        Callback.Client held;
        lock (_gate)
            held = _held.AddRef();
        using (held)
        {
            var request = held.CallRequest();
            var p = request.Params;
            p.Value = context.Params.Value;
            using var response = await request.CallAsync(cancellationToken);
            var results = context.Results;
            results.Result = response.Results.Result;
        }
    }

    public override ValueTask DropHeldAsync(CallContext<TestService.DropHeldParams, TestService.DropHeldResults.Builder> context, CancellationToken cancellationToken)
    {
        Callback.Client held;
        lock (_gate)
        {
            held = _held;
            _held = default;
        }

        held.Dispose();
        return default;
    }

    public override ValueTask FailAsync(CallContext<TestService.FailParams, TestService.FailResults.Builder> context, CancellationToken cancellationToken) =>
        ValueTask.FromException(RpcException.Create((RpcExceptionType)context.Params.Type, context.Params.Reason.ToString()));

    public override ValueTask EchoCapAsync(CallContext<TestService.EchoCapParams, TestService.EchoCapResults.Builder> context, CancellationToken cancellationToken)
    {
        using var cap = context.Params.Cap;
        var results = context.Results;
        results.Cap = cap;
        return default;
    }

    public override ValueTask DataAsync(CallContext<TestService.DataParams, TestService.DataResults.Builder> context, CancellationToken cancellationToken)
    {
        var payload = context.Params.Payload.Span;
        ulong sum = 0;
        foreach (var b in payload)
            sum += b;
        var results = context.Results;
        results.Length = (ulong)payload.Length;
        results.Checksum = sum;
        return default;
    }

    public override ValueTask WrapAsync(CallContext<TestService.WrapParams, TestService.WrapResults.Builder> context, CancellationToken cancellationToken)
    {
        using var counter = context.Params.Counter;
        var holder = context.Results.InitHolder();
        holder.SetLabel(context.Params.Label.ToString());
        holder.Counter = counter;
        return default;
    }

    public override async ValueTask NeverAsync(CallContext<TestService.NeverParams, TestService.NeverResults.Builder> context, CancellationToken cancellationToken)
    {
        NeverStarted.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            NeverCancelled.TrySetResult();
            throw;
        }
    }

    public override ValueTask CancelledAsync(CallContext<TestService.CancelledParams, TestService.CancelledResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.Count = (uint)Volatile.Read(ref _cancelled);
        return default;
    }

    public override ValueTask GetCallOrderAsync(CallContext<TestService.GetCallOrderParams, TestService.GetCallOrderResults.Builder> context, CancellationToken cancellationToken)
    {
        using var order = CallOrder.Client.FromServer(new CallOrderServer());
        var results = context.Results;
        results.Cap = order;
        return default;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        Callback.Client held;
        lock (_gate)
        {
            held = _held;
            _held = default;
        }

        held.Dispose();
    }
}
