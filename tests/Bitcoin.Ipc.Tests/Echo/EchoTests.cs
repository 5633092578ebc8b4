using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Init;

namespace Bitcoin.Ipc.Tests.Echo;

public sealed class EchoTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("ünïcødé ₿ \u0001 with\nnewlines")]
    public async Task EchoReturnsTheTextUnchangedAcrossTheConnection(string text)
    {
        await using var pair = new InitPair(new TestInit { Echo = () => new LocalEcho() });
        using var echo = pair.Client.MakeEcho();

        Assert.NotNull(echo);
        Assert.Equal(text, echo.Echo(text));
    }

    [Fact]
    public async Task LargeTextSpanningSegmentsComesBackWhole()
    {
        await using var pair = new InitPair(new TestInit { Echo = () => new LocalEcho() });
        using var echo = pair.Client.MakeEcho()!;
        var text = string.Concat(Enumerable.Range(0, 200_000).Select(i => (char)('a' + (i % 26))));

        Assert.Equal(text, echo.Echo(text));
    }

    [Fact]
    public async Task DisposingTheProxyDestroysTheServersObject()
    {
        var destroyed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = new InitPair(new TestInit { Echo = () => new RecordingEcho(destroyed) });
        var echo = pair.Client.MakeEcho()!;
        Assert.Equal("x", echo.Echo("x"));
        Assert.Equal(2, pair.Server.ServerObjectCount); // the Init and the Echo

        echo.Dispose();

        await destroyed.Task;
        Assert.Equal(1, pair.Server.ServerObjectCount);
        Assert.Throws<ObjectDisposedException>(() => echo.Echo("gone"));
    }

    [Fact]
    public async Task EachMakeEchoIsItsOwnObject()
    {
        int made = 0;
        await using var pair = new InitPair(new TestInit { Echo = () => { Interlocked.Increment(ref made); return new LocalEcho(); } });

        using var first = pair.Client.MakeEcho()!;
        using var second = pair.Client.MakeEcho()!;

        Assert.Equal("1", first.Echo("1"));
        Assert.Equal("2", second.Echo("2"));
        Assert.Equal(2, made);
    }

    [Fact]
    public async Task ServerObjectsAreReleasedWhenTheClientDisconnects()
    {
        var destroyed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pair = new InitPair(new TestInit { Echo = () => new RecordingEcho(destroyed) });
        var echo = pair.Client.MakeEcho()!;
        Assert.Equal("y", echo.Echo("y"));

        await pair.ClientConnection.DisposeAsync();

        await destroyed.Task;
        await pair.Server.Completion;
        await pair.DisposeAsync();
    }

    private sealed class RecordingEcho(TaskCompletionSource destroyed) : IEcho
    {
        public string Echo(string echo) => echo;

        public void Dispose() => destroyed.TrySetResult();
    }
}
