using System.Buffers;
using System.IO.Pipelines;
using Capnp.Tests.Schema;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>Stream framing: messages split across many reads, many messages in one read, packed and unpacked.</summary>
public sealed class FramingTests
{
    private static byte[] Message(int id, string label, int firstSegmentWords = MessageBuilder.DefaultFirstSegmentWords)
    {
        using var builder = new MessageBuilder(firstSegmentWords);
        var inner = builder.InitRoot<Inner.Builder>();
        inner.Id = (uint)id;
        inner.SetLabel(label);
        return builder.ToFramedArray();
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(false, 1000)]
    [InlineData(true, 1)]
    [InlineData(true, 5)]
    [InlineData(true, 1000)]
    public async Task PipeReaderReadsMessagesHoweverTheBytesAreSplit(bool packed, int chunk)
    {
        var messages = Enumerable.Range(0, 20).Select(i => Message(i, new string('x', i * 7), firstSegmentWords: 1 + (i % 3))).ToList();
        var stream = messages.SelectMany(m => packed ? Packing.Pack(m) : m).ToArray();
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            for (int at = 0; at < stream.Length; at += chunk)
            {
                await pipe.Writer.WriteAsync(stream.AsMemory(at, Math.Min(chunk, stream.Length - at)));
            }

            await pipe.Writer.CompleteAsync();
        });

        var reader = new PipeMessageReader(pipe.Reader, packed: packed);
        for (int i = 0; i < messages.Count; i++)
        {
            using var message = await reader.ReadMessageAsync();
            Assert.NotNull(message);
            var inner = message.GetRoot<Inner>();
            Assert.Equal((uint)i, inner.Id);
            Assert.Equal(new string('x', i * 7), (string)inner.Label);
        }

        Assert.Null(await reader.ReadMessageAsync());
        await writing;
    }

    [Fact]
    public async Task StreamEndingInsideAMessageIsAFormatErrorAndAtABoundaryIsTheEnd()
    {
        var bytes = Message(1, "one").Concat(Message(2, "two")).ToArray();
        var reader = PipeMessageReader.Create(new MemoryStream(bytes[..^3]));
        using (var first = await reader.ReadMessageAsync())
            Assert.Equal(1u, first!.GetRoot<Inner>().Id);
        await Assert.ThrowsAsync<CapnpFormatException>(async () => await reader.ReadMessageAsync());

        var complete = PipeMessageReader.Create(new MemoryStream(bytes));
        (await complete.ReadMessageAsync())!.Dispose();
        (await complete.ReadMessageAsync())!.Dispose();
        Assert.Null(await complete.ReadMessageAsync());
    }

    [Fact]
    public async Task LargeMessageCrossesAPipeWithDefaultThresholdsWithoutDeadlock()
    {
        // 1 MiB is far above the pipe's 64 KiB pause threshold: the reader must consume as bytes arrive.
        var payload = new byte[1 << 20];
        new Random(1).NextBytes(payload);
        using var builder = new MessageBuilder();
        builder.InitRoot<TestAllTypes.Builder>().SetDataField(payload);
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            await builder.WriteToAsync(pipe.Writer);
            await pipe.Writer.CompleteAsync();
        });
        using var message = await new PipeMessageReader(pipe.Reader).ReadMessageAsync();
        Assert.True(message!.GetRoot<TestAllTypes>().DataField.Span.SequenceEqual(payload));
        await writing;
    }

    [Fact]
    public void SequenceReaderReadsInPlaceAndCopiesOnlySegmentsThatStraddleBuffers()
    {
        var bytes = Message(7, "seven");
        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.True(Framing.TryReadMessage(whole, out var message, out var end));
        Assert.Equal(bytes.Length, whole.Slice(0, end).Length);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(message.GetSegment(0), out var array));
        Assert.Same(bytes, array.Array);

        // Split into three buffers: still readable; incomplete input asks for more.
        var split = Segments.Create(bytes.AsMemory(0, 5), bytes.AsMemory(5, 11), bytes.AsMemory(16));
        Assert.True(Framing.TryReadMessage(split, out var copy, out _));
        Assert.Equal(7u, copy.GetRoot<Inner>().Id);
        Assert.False(Framing.TryReadMessage(whole.Slice(0, bytes.Length - 1), out _, out _));
    }

    [Fact]
    public async Task WriteToStreamAndBufferWriterGiveTheSameFrame()
    {
        using var builder = new MessageBuilder(firstSegmentWords: 2);
        Vectors.BuildFull(builder.InitRoot<TestAllTypes.Builder>());
        var stream = new MemoryStream();
        await builder.WriteToAsync(stream);
        Assert.Equal(builder.ToFramedArray(), stream.ToArray());
        Assert.Equal(builder.FramedSize, stream.Length);
        Vectors.AssertFull(Framing.ReadMessage(stream.ToArray()).GetRoot<TestAllTypes>());
        Vectors.AssertFull(Framing.ReadPackedMessage(builder.ToPackedArray(), out _).GetRoot<TestAllTypes>());
    }

    [Fact]
    public void BackToBackFramesInOneBufferAreReadOneAfterAnother()
    {
        var bytes = Message(1, "one").Concat(Message(2, "two")).ToArray();
        var first = Framing.ReadMessage(bytes, out int consumed);
        var second = Framing.ReadMessage(bytes.AsMemory(consumed), out int rest);
        Assert.Equal((1u, 2u), (first.GetRoot<Inner>().Id, second.GetRoot<Inner>().Id));
        Assert.Equal(bytes.Length, consumed + rest);
        var e = Assert.Throws<CapnpFormatException>(() => Framing.ReadMessage(bytes));
        Assert.Contains("continues after the end", e.Message);

        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.True(Framing.TryReadMessage(sequence, out var a, out var end));
        Assert.True(Framing.TryReadMessage(sequence.Slice(end), out var b, out _));
        Assert.Equal(("one", "two"), (a.GetRoot<Inner>().Label.ToString(), b.GetRoot<Inner>().Label.ToString()));
    }

    /// <summary>A multi-buffer ReadOnlySequence.</summary>
    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(ReadOnlyMemory<byte> memory, long index)
        {
            Memory = memory;
            RunningIndex = index;
        }

        public static ReadOnlySequence<byte> Create(params ReadOnlyMemory<byte>[] parts)
        {
            var first = new Segments(parts[0], 0);
            var last = first;
            foreach (var part in parts.Skip(1))
            {
                var next = new Segments(part, last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
