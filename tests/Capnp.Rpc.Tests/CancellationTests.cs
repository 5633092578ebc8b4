using Capnp.Rpc.Internal;
using Capnp.Rpc.Tests.Schema;

namespace Capnp.Rpc.Tests;

/// <summary>
/// When a call the caller no longer wants is still queued (on a promise not resolved yet), Finish decides its fate:
/// a caller of Cap'n Proto 1.x (requireEarlyCancellationWorkaround = false) has it dropped undelivered; an older one
/// relied on delivery, so the call is delivered and then sees its token cancelled.
/// </summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task QueuedCallCancelledWithoutTheWorkaroundIsNeverDelivered()
    {
        var server = new RecordingCallback();
        var promise = new QueuedNode();
        var call = NewCall();
        promise.Deliver(call);
        call.RequestCancellation(dropIfUndelivered: true);
        using (var target = Callback.Client.FromServer(server))
            promise.Resolve(((CapabilityRef)target.Hook!).NodeWithReference());

        await call.Completion;
        Assert.True(call.WasCancelled);
        Assert.Equal(0, server.Calls);
        promise.Release();
        call.Release();
    }

    [Fact]
    public async Task QueuedCallCancelledWithTheWorkaroundIsDeliveredThenCancelled()
    {
        var server = new RecordingCallback();
        var promise = new QueuedNode();
        var call = NewCall();
        promise.Deliver(call);
        call.RequestCancellation(dropIfUndelivered: false);
        using (var target = Callback.Client.FromServer(server))
            promise.Resolve(((CapabilityRef)target.Hook!).NodeWithReference());

        await call.Completion;
        Assert.Equal(1, server.Calls);
        Assert.True(server.SawCancellation);
        Assert.True(call.WasCancelled);
        promise.Release();
        call.Release();
    }

    private static LocalCall NewCall()
    {
        var parameters = new MessageBuilder();
        parameters.InitRoot<Callback.CallParams.Builder>().Value = 1;
        return new LocalCall(Callback.InterfaceId, Callback.Methods.Call, parameters);
    }

    /// <summary>Waits for its token; records that it ran and that it was cancelled.</summary>
    private sealed class RecordingCallback : Callback.Server
    {
        public int Calls { get; private set; }

        public bool SawCancellation { get; private set; }

        public override async ValueTask CallAsync(CallContext<Callback.CallParams, Callback.CallResults.Builder> context, CancellationToken cancellationToken)
        {
            Calls++;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw;
            }
        }
    }
}
