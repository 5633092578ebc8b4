using Capnp.Tests.Schema;
using Capnp.Tests.Support;
using static Capnp.Tests.Support.Words;

namespace Capnp.Tests;

/// <summary>Far and double-far pointers, in hand-made messages the C++ library also reads.</summary>
public sealed class FarPointerTests
{
    // Inner(id = 42, label = "hi") reached from the root through a double-far pointer:
    // segment 0: the root, a double far pointer to a two-word landing pad at segment 1 word 0;
    // segment 1: the pad: a far pointer to segment 2 word 0, then the struct's tag (1 data word, 1 pointer);
    // segment 2: the struct (id, then its label pointer) and the label's bytes.
    private static byte[] DoubleFarMessage() => Frame(
        Segment(Far(isDouble: true, padOffset: 0, segment: 1)),
        Segment(Far(isDouble: false, padOffset: 0, segment: 2), Struct(0, 1, 1)),
        Segment(42, List(0, 2, 3), 0x6968));

    // The same struct through a single far pointer whose landing pad sits right before the struct.
    private static byte[] SingleFarMessage() => Frame(
        Segment(Far(isDouble: false, padOffset: 0, segment: 1)),
        Segment(Struct(0, 1, 1), 42, List(0, 2, 3), 0x6968));

    [Fact]
    public void DoubleFarPointerLeadsToTheStruct()
    {
        var inner = Framing.ReadMessage(DoubleFarMessage()).GetRoot<Inner>();
        Assert.Equal(42u, inner.Id);
        Assert.Equal("hi", (string)inner.Label);
    }

    [Fact]
    public void SingleFarPointerLeadsToTheStruct()
    {
        var inner = Framing.ReadMessage(SingleFarMessage()).GetRoot<Inner>();
        Assert.Equal((42u, "hi"), (inner.Id, inner.Label.ToString()));
    }

    [Fact]
    public void CapnpReadsTheHandMadeFarPointersAsWeDo()
    {
        if (!CapnpTool.Available())
            return;
        Assert.Equal("(id = 42, label = \"hi\")", CapnpTool.Decode("Inner", DoubleFarMessage()));
        Assert.Equal("(id = 42, label = \"hi\")", CapnpTool.Decode("Inner", SingleFarMessage()));
    }

    [Fact]
    public void DeepCopyOfAMultiSegmentMessageIsReadTheSame()
    {
        using var builder = new MessageBuilder(firstSegmentWords: 1);
        Vectors.BuildFull(builder.InitRoot<TestAllTypes.Builder>());
        Assert.True(builder.SegmentCount > 1);
        using var copy = new MessageBuilder();
        copy.Root.SetFrom(Framing.ReadMessage(builder.ToFramedArray()).Root);
        Assert.Equal(1, copy.SegmentCount);
        Vectors.AssertFull(Framing.ReadMessage(copy.ToFramedArray()).GetRoot<TestAllTypes>());
    }

    [Fact]
    public void PointerMovedAwayFromAFullSegmentReachesItsTargetThroughADoubleFarPad()
    {
        // Segment sizes follow the pool's arrays (16, 32, 64 bytes): the root's segment fills up, the struct and
        // its text fill the next one exactly, so when the struct is upgraded its moved text pointer cannot get a
        // landing pad beside the text and needs a double-far pad elsewhere.
        using var builder = new MessageBuilder(firstSegmentWords: 1);
        var small = builder.Root.InitStruct(new StructSize(1, 1));
        small.WriteUInt32(0, 5);
        small.GetPointer(0).SetText("hi");
        builder.Root.GetStruct(new StructSize(2, 2));

        int doubleFar = 0;
        for (int segment = 0; segment < builder.SegmentCount; segment++)
        {
            var words = builder.GetSegment(segment).Span;
            for (int at = 0; at < words.Length; at += 8)
            {
                ulong word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(words[at..]);
                if ((word & 7) == 6 && (word >> 32) < (ulong)builder.SegmentCount)
                    doubleFar++;
            }
        }

        Assert.Equal(1, doubleFar);
        var inner = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<Inner>();
        Assert.Equal((5u, "hi"), (inner.Id, inner.Label.ToString()));
        if (CapnpTool.Available())
            Assert.Equal("(id = 5, label = \"hi\")", CapnpTool.Decode("Inner", builder.ToFramedArray()));
    }

    [Fact]
    public void UpgradingAStructListAcrossSegmentsKeepsEveryPointer()
    {
        // Version1 items are upgraded to Version2 in place; with tiny segments the moved Text pointers reach
        // their targets through landing pads in other segments.
        using var builder = new MessageBuilder(firstSegmentWords: 1);
        var old = builder.InitRoot<HoldsVersion1.Builder>();
        var items = old.InitItems(3);
        for (int i = 0; i < 3; i++)
        {
            var item = items[i];
            item.A = i;
            item.SetB("item" + i);
        }

        var upgraded = builder.GetRoot<HoldsVersion2.Builder>().Items;
        for (int i = 0; i < 3; i++)
        {
            var item = upgraded[i];
            item.C = 100 + i;
        }

        var reader = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<HoldsVersion2>();
        Assert.Equal(new[] { "0 item0 100 dd", "1 item1 101 dd", "2 item2 102 dd" },
            reader.Items.Select(v => $"{v.A} {v.B} {v.C} {v.D}"));
        if (CapnpTool.Available())
        {
            Assert.Equal("(items = [(a = 0, b = \"item0\", c = 100), (a = 1, b = \"item1\", c = 101), (a = 2, b = \"item2\", c = 102)])",
                CapnpTool.Decode("HoldsVersion2", builder.ToFramedArray()));
        }
    }
}
