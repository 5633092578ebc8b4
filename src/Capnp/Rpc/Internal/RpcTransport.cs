namespace Capnp.Rpc.Internal;

/// <summary>The byte stream under a connection: framed messages in (unpacked, as two-party RPC over a stream is),
/// batches of framed messages out, each batch in one write.</summary>
internal abstract class RpcTransport : IAsyncDisposable
{
    /// <summary>The next message, or null when the peer closed the stream between messages.</summary>
    public abstract ValueTask<MessageReader?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Where the next batch is framed.</summary>
    public abstract System.Buffers.IBufferWriter<byte> Output { get; }

    /// <summary>Writes what was framed into <see cref="Output"/> since the last flush.</summary>
    public abstract ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>Tells the peer nothing more will be written (half-close where the stream allows it).</summary>
    public abstract void CompleteOutput();

    public abstract ValueTask DisposeAsync();
}
