using System.Buffers;
using System.IO.Pipelines;

namespace Capnp.Rpc.Internal;

/// <summary>A connection over a duplex pipe: messages are framed straight into the output pipe, one flush a batch.</summary>
internal sealed class PipeTransport(IDuplexPipe pipe, ReaderOptions options) : RpcTransport
{
    private readonly PipeMessageReader _reader = new(pipe.Input, options);
    private bool _outputCompleted;

    public override IBufferWriter<byte> Output => pipe.Output;

    public override ValueTask<MessageReader?> ReadAsync(CancellationToken cancellationToken) =>
        _reader.ReadMessageAsync(cancellationToken);

    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await pipe.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
            throw new IOException("The peer stopped reading.");
    }

    public override void CompleteOutput()
    {
        if (_outputCompleted)
            return;
        _outputCompleted = true;
        pipe.Output.Complete();
    }

    public override async ValueTask DisposeAsync()
    {
        CompleteOutput();
        await pipe.Input.CompleteAsync().ConfigureAwait(false);
    }
}
