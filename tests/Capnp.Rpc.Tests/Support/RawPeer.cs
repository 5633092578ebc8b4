using System.IO.Pipelines;
using Capnp.Rpc.Protocol;

namespace Capnp.Rpc.Tests.Support;

/// <summary>
/// A peer that speaks the RPC protocol by hand over an in-memory stream, to check exactly what a connection sends
/// and how it treats any message, including ones a correct peer would never send.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);
    private readonly IDuplexPipe _pipe;
    private readonly PipeMessageReader _reader;

    private RawPeer(IDuplexPipe pipe)
    {
        _pipe = pipe;
        _reader = new PipeMessageReader(pipe.Input);
    }

    /// <summary>A connection under test and the raw peer at the other end.</summary>
    public static (RpcConnection Connection, RawPeer Peer) Connect(RpcConnectionOptions? options = null)
    {
        var (connectionEnd, peerEnd) = RpcPair.DuplexPipes();
        return (RpcConnection.Create(connectionEnd, options), new RawPeer(peerEnd));
    }

    /// <summary>Sends one message built by <paramref name="build"/>.</summary>
    public async Task SendAsync(Action<Message.Builder> build)
    {
        using var message = new MessageBuilder();
        build(message.InitRoot<Message.Builder>());
        await message.WriteToAsync(_pipe.Output);
    }

    /// <summary>Sends bytes as they are (framing included).</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _pipe.Output.WriteAsync(bytes);
    }

    /// <summary>The next message the connection sent (null when it closed the stream).</summary>
    public async Task<MessageReader?> ReceiveAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await _reader.ReadMessageAsync(deadline.Token);
    }

    /// <summary>The next message, which must be of kind <paramref name="which"/>.</summary>
    public async Task<Message> ExpectAsync(Message.WhichCase which)
    {
        var reader = await ReceiveAsync() ?? throw new Xunit.Sdk.XunitException($"The connection closed; expected {which}.");
        var message = reader.GetRoot<Message>();
        Assert.Equal(which, message.Which);
        return message;
    }

    /// <summary>Reads until the connection closes the stream, returning what it sent last.</summary>
    public async Task<List<Message>> ReadToEndAsync()
    {
        var messages = new List<Message>();
        while (await ReceiveAsync() is { } reader)
            messages.Add(reader.GetRoot<Message>());
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _pipe.Output.CompleteAsync();
        await _pipe.Input.CompleteAsync();
    }

    /// <summary>A call to the connection's export <paramref name="importId"/>, with the parameters <paramref name="fill"/> builds.</summary>
    public static Action<Message.Builder> Call(uint questionId, uint importId, ulong interfaceId, ushort methodId,
        Action<AnyPointerBuilder>? fill = null) => message =>
    {
        var call = message.InitCall();
        call.QuestionId = questionId;
        var target = call.InitTarget();
        target.ImportedCap = importId;
        call.InterfaceId = interfaceId;
        call.MethodId = methodId;
        var payload = call.InitParams();
        fill?.Invoke(payload.Content);
    };
}
