using Bitcoin.Node.Context;

namespace Bitcoin.Node.Tests.Context;

public sealed class ShutdownSignalTests
{
    [Fact]
    public async Task RequestWakesWaitersAndCancelsTheToken()
    {
        var signal = new ShutdownSignal();
        var token = signal.Token;
        Assert.False(signal.IsRequested);

        var waiter = Task.Run(signal.Wait);
        Assert.True(signal.Request());

        Assert.True(await waiter.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.True(signal.IsRequested);
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public void ResetForgetsTheRequestWithAFreshToken()
    {
        var signal = new ShutdownSignal();
        signal.Request();
        var old = signal.Token;

        Assert.True(signal.Reset());

        Assert.False(signal.IsRequested);
        Assert.True(old.IsCancellationRequested);
        Assert.False(signal.Token.IsCancellationRequested);
    }
}
