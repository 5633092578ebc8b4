using System.Buffers;
using System.IO.Pipelines;
using Capnp.Tests.Schema;
using Capnp.Tests.Support;
using static Capnp.Tests.Support.Words;

namespace Capnp.Tests;

/// <summary>The C++ reader's limits and checks: hostile input raises CapnpFormatException with a clear message,
/// and nothing is allocated on a sender's say-so.</summary>
public sealed class LimitsTests
{
    [Fact]
    public void TraversalLimitStopsAPointerListThatRepeatsOneLargeObject()
    {
        // Root: a list of 64 pointers, every one to the same 1000-word Data blob after the list.
        const int Pointers = 64;
        const int BlobWords = 1000;
        var words = new ulong[1 + Pointers + BlobWords];
        words[0] = List(0, 6, Pointers);
        for (int i = 0; i < Pointers; i++)
            words[1 + i] = List(Pointers - 1 - i, 2, BlobWords * 8);
        var message = new MessageReader(Segment(words), new ReaderOptions { TraversalLimitInWords = 20_000 });
        var list = message.Root.GetList(ElementSize.Pointer);
        var e = Assert.Throws<CapnpFormatException>(() =>
        {
            for (int i = 0; i < list.Count; i++)
                list.GetData(i);
        });
        Assert.Contains("traversal limit", e.Message);
    }

    [Fact]
    public void VoidListClaimingHalfABillionElementsIsChargedAgainstTheTraversalLimit()
    {
        var message = new MessageReader(Segment(List(0, 0, (1u << 29) - 1)));
        Assert.Throws<CapnpFormatException>(() => message.Root.GetList(ElementSize.Empty));
    }

    [Fact]
    public void ListOfZeroSizedStructsClaimingManyElementsIsChargedAgainstTheTraversalLimit()
    {
        // An inline-composite list of 0 words whose tag claims 2^29 - 1 empty structs.
        var message = new MessageReader(Segment(List(0, 7, 0), Struct((1 << 29) - 1, 0, 0)));
        var e = Assert.Throws<CapnpFormatException>(() => message.Root.GetList(ElementSize.InlineComposite));
        Assert.Contains("traversal limit", e.Message);
    }

    [Fact]
    public void NestingLimitAllows64LevelsAndStopsTheNext()
    {
        Assert.Equal(63, ReadDepth(64));
        var e = Assert.Throws<CapnpFormatException>(() => ReadDepth(65));
        Assert.Contains("nested", e.Message);

        static int ReadDepth(int depth)
        {
            using var builder = new MessageBuilder();
            var node = builder.InitRoot<Nested.Builder>();
            for (int i = 1; i < depth; i++)
            {
                node = node.InitChild();
                node.Value = i;
            }

            var reader = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<Nested>();
            int last = 0;
            while (reader.HasChild)
            {
                reader = reader.Child;
                last = reader.Value;
            }

            return last;
        }
    }

    [Fact]
    public void PointerCycleEndsAtTheNestingLimitNotInAStackOverflow()
    {
        // A struct whose only pointer points back at the struct itself.
        var message = new MessageReader(Segment(Struct(0, 0, 1), Struct(-2, 0, 1)));
        var e = Assert.Throws<CapnpFormatException>(() => Walker.Walk(message.Root));
        Assert.Contains("nested", e.Message);
    }

    [Fact]
    public void FramesOf512SegmentsAreRejectedAnd511Accepted()
    {
        var segments = Enumerable.Range(0, 511).Select(_ => Segment(0)).ToArray();
        Assert.Equal(511, Framing.ReadMessage(Frame(segments)).SegmentCount);
        segments = Enumerable.Range(0, 512).Select(_ => Segment(0)).ToArray();
        var e = Assert.Throws<CapnpFormatException>(() => Framing.ReadMessage(Frame(segments)));
        Assert.Contains("too many segments", e.Message);
    }

    [Fact]
    public void SegmentTableAnnouncing2GiBIsRejectedWithoutAllocatingIt()
    {
        var header = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (2u << 30) / 8);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CapnpFormatException>(() => Framing.TryReadMessage(new ReadOnlySequence<byte>(header), out _, out _));
        Assert.Contains("too large", e.Message);
        Assert.Throws<CapnpFormatException>(() => Framing.ReadPackedMessage(Packing.Pack(header), out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public async Task PipeReaderAllocatesForTheBytesThatArriveNotForWhatTheTableClaims()
    {
        // The table claims 60 MiB (under the traversal limit) but the stream ends after one word of it.
        var header = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (60u << 20) / 8);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(header);
        await pipe.Writer.CompleteAsync();
        var reader = new PipeMessageReader(pipe.Reader);

        // Everything is already in the pipe, so the read runs to its end on this thread before returning.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = reader.ReadMessageAsync();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(read.IsCompleted);
        var e = await Assert.ThrowsAsync<CapnpFormatException>(async () => await read);
        Assert.Contains("ended in the middle", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(20)]
    public void TruncatedFramesAreFormatErrors(int length)
    {
        using var builder = new MessageBuilder();
        Vectors.BuildFull(builder.InitRoot<TestAllTypes.Builder>());
        var bytes = builder.ToFramedArray();
        Assert.Throws<CapnpFormatException>(() => Framing.ReadMessage(bytes.AsMemory(0, length)));
        Assert.Throws<CapnpFormatException>(() => Framing.ReadMessage(bytes.AsMemory(0, bytes.Length - 8)));
    }

    [Fact]
    public void MessageWithoutRootPointerIsAFormatError()
    {
        var e = Assert.Throws<CapnpFormatException>(() => Framing.ReadMessage(Frame(Segment())).Root);
        Assert.Contains("root pointer", e.Message);
    }

    public static TheoryData<string, ulong[], string> BadPointers => new()
    {
        { "struct out of bounds", [Struct(0, 2, 0), 0], "out-of-bounds" },
        { "struct before segment", [Struct(-5, 1, 0)], "out-of-bounds" },
        { "list out of bounds", [List(0, 5, 3), 0, 0], "out-of-bounds" },
        { "far to missing segment", [Far(false, 0, 7)], "unknown segment" },
        { "far pad out of bounds", [Far(false, 5, 0)], "out-of-bounds far" },
        { "double-far pad not far", [Far(true, 1, 0), Struct(0, 0, 0), Struct(0, 0, 0)], "double-far" },
        { "struct where list expected", [Struct(0, 1, 0), 0], "non-list pointer" },
        { "capability where struct expected", [Capability(0)], "non-struct pointer" },
        { "composite tag not a struct", [List(0, 7, 1), List(0, 2, 1), 0], "tag" },
        { "composite elements overrun", [List(0, 7, 1), Struct(2, 1, 0), 0], "overrun" },
    };

    [Theory]
    [MemberData(nameof(BadPointers))]
    public void MalformedPointersAreFormatErrorsWithClearMessages(string what, ulong[] words, string message)
    {
        var reader = new MessageReader(Segment(words));
        var e = Assert.Throws<CapnpFormatException>(() =>
        {
            var root = reader.Root;
            if (what.EndsWith("list expected", StringComparison.Ordinal) || (words[0] & 3) == 1)
                root.GetList(ElementSize.EightBytes);
            else
                root.GetStruct();
        });
        Assert.True(e.Message.Contains(message, StringComparison.OrdinalIgnoreCase), $"{what}: {e.Message}");
    }

    [Fact]
    public void TextWithoutNulTerminatorIsAFormatError()
    {
        var reader = new MessageReader(Segment(List(0, 2, 3), 0x636261));
        var e = Assert.Throws<CapnpFormatException>(() => reader.Root.GetText());
        Assert.Contains("NUL", e.Message);
        Assert.Equal("abc"u8.ToArray(), reader.Root.GetData().ToArray());
    }

    [Fact]
    public void ListOfWordsReadAsTextOrDataIsAFormatError()
    {
        var reader = new MessageReader(Segment(List(0, 5, 1), 0));
        Assert.Throws<CapnpFormatException>(() => reader.Root.GetText());
        Assert.Throws<CapnpFormatException>(() => reader.Root.GetData());
    }

    [Fact]
    public void CapabilityIndexOutsideTheTableIsAFormatError()
    {
        var reader = new MessageReader(Segment(Capability(3)));
        Assert.Throws<CapnpFormatException>(() => reader.Root.GetCapability());
        reader.CapTable = [null, null, null];
        Assert.Throws<CapnpFormatException>(() => reader.Root.GetCapability());
        reader.CapTable = [null, null, null, null];
        Assert.Null(reader.Root.GetCapability());
    }

    [Fact]
    public void IncompatibleListEncodingsAreFormatErrors()
    {
        // Bytes read as 64-bit numbers, a bit list read as structs, data-only structs read as pointers.
        var bytes = new MessageReader(Segment(List(0, 2, 3), 0));
        Assert.Throws<CapnpFormatException>(() => bytes.Root.GetList(ElementSize.EightBytes));
        var bits = new MessageReader(Segment(List(0, 1, 3), 0));
        Assert.Throws<CapnpFormatException>(() => bits.Root.GetList(ElementSize.InlineComposite));
        var dataOnly = new MessageReader(Segment(List(0, 7, 1), Struct(1, 1, 0), 0));
        Assert.Throws<CapnpFormatException>(() => dataOnly.Root.GetList(ElementSize.Pointer));
    }
}
