using Capnp.Rpc.Tests.Schema;

namespace Capnp.Rpc.Tests.Servers;

/// <summary>Counts the calls it receives; a call arriving out of order returns a number other than its expected one.</summary>
internal sealed class CallOrderServer : CallOrder.Server
{
    private uint _count;

    public override ValueTask GetCallSequenceAsync(CallContext<CallOrder.GetCallSequenceParams, CallOrder.GetCallSequenceResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.N = Interlocked.Increment(ref _count) - 1;
        return default;
    }
}
