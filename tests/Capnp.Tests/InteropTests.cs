using Capnp.Tests.Schema;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>
/// Cross-checks with the official tool, both ways: what our builders write, `capnp decode` reads as the committed
/// text; what `capnp encode` wrote from that text (the committed .bin files), our readers read back.
/// </summary>
public sealed class InteropTests
{
    public static TheoryData<string> VectorNames => [.. Vectors.Builders.Keys.Order()];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void CapnpDecodeReadsWhatOurBuildersWrite(string name)
    {
        if (!CapnpTool.Available())
            return;
        using var message = new MessageBuilder();
        Vectors.Builders[name](message);
        var type = name[..name.IndexOf('.')];
        Assert.Equal(Vectors.Text(name), CapnpTool.Decode(type, message.ToFramedArray()));
        Assert.Equal(Vectors.Text(name), CapnpTool.Decode(type, message.ToPackedArray(), packed: true));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void CapnpDecodeReadsOurMultiSegmentMessages(string name)
    {
        if (!CapnpTool.Available())
            return;

        // A one-word first segment puts every object in another segment, behind a far pointer.
        using var message = new MessageBuilder(firstSegmentWords: 1);
        Vectors.Builders[name](message);
        Assert.True(message.SegmentCount > 1 || name.EndsWith("empty", StringComparison.Ordinal));
        var type = name[..name.IndexOf('.')];
        Assert.Equal(Vectors.Text(name), CapnpTool.Decode(type, message.ToFramedArray()));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void OurReadersReadWhatCapnpEncodeWrote(string name)
    {
        if (!CapnpTool.Available())
            return;

        // Read each encoding capnp made (plain, packed, small segments with far pointers), copy it through our
        // readers into a new message, and let capnp print that: every field must survive.
        var type = name[..name.IndexOf('.')];
        foreach (var variant in new[] { "", "packed", "segmented" })
        {
            var bytes = Vectors.Binary(name, variant);
            using var reader = variant == "packed"
                ? Framing.ReadPackedMessage(bytes, out _)
                : Framing.ReadMessage(bytes);
            using var copy = new MessageBuilder();
            copy.Root.SetFrom(reader.Root);
            Assert.Equal(Vectors.Text(name), CapnpTool.Decode(type, copy.ToFramedArray()));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("packed")]
    [InlineData("segmented")]
    public void GeneratedReaderReadsEveryFieldCapnpEncodeWrote(string variant)
    {
        var bytes = Vectors.Binary("TestAllTypes.full", variant);
        using var reader = variant == "packed" ? Framing.ReadPackedMessage(bytes, out _) : Framing.ReadMessage(bytes);
        if (variant == "segmented")
            Assert.True(reader.SegmentCount > 1);
        Vectors.AssertFull(reader.GetRoot<TestAllTypes>());
    }

    [Theory]
    [InlineData("TestAllTypes.full")]
    [InlineData("TestDefaults.changed")]
    [InlineData("TestUnions.coords")]
    [InlineData("HoldsVersion2.full")]
    public void PackingMatchesTheCppLibraryByteForByte(string name)
    {
        using var message = Framing.ReadMessage(Vectors.Binary(name));
        using var copy = new MessageBuilder();
        copy.Root.SetFrom(message.Root);

        // Pack the very bytes capnp wrote, segment table and segments as separate pieces, as the C++ writer does.
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var bytes = Vectors.Binary(name, "segmented");
        using var segmented = Framing.ReadMessage(bytes);
        int tableSize = bytes.Length - (int)(segmented.SizeInWords * 8);
        Packing.Pack(bytes.AsSpan(0, tableSize), writer);
        for (int i = 0; i < segmented.SegmentCount; i++)
            Packing.Pack(segmented.GetSegment(i).Span, writer);
        if (CapnpTool.Available())
        {
            var type = name[..name.IndexOf('.')];
            Assert.Equal(CapnpTool.Encode(type, Vectors.Text(name), "--packed", "--segment-size=8"), writer.WrittenSpan.ToArray());
        }

        Assert.Equal(Vectors.Binary(name, "packed"), Packing.Pack(Vectors.Binary(name)));
        Assert.Equal(Vectors.Binary(name), Packing.Unpack(Vectors.Binary(name, "packed"), 1 << 20));
    }

    [Fact]
    public void DefaultsReadFromAnEmptyStructAreTheSchemaDefaults()
    {
        using var reader = Framing.ReadMessage(Vectors.Binary("TestDefaults.empty"));
        var r = reader.GetRoot<TestDefaults>();
        Assert.True(r.BoolField);
        Assert.Equal(-123, r.Int8Field);
        Assert.Equal(-12345, r.Int16Field);
        Assert.Equal(-12345678, r.Int32Field);
        Assert.Equal(-123456789012345, r.Int64Field);
        Assert.Equal(234, r.UInt8Field);
        Assert.Equal(45678, r.UInt16Field);
        Assert.Equal(3456789012u, r.UInt32Field);
        Assert.Equal(12345678901234567890ul, r.UInt64Field);
        Assert.Equal(1234.5f, r.Float32Field);
        Assert.Equal(-123e45, r.Float64Field);
        Assert.True(float.IsNaN(r.NanField));
        Assert.Equal(double.PositiveInfinity, r.InfField);
        Assert.Equal(-0.125, r.NegativeField);
        Assert.Equal("foo", (string)r.TextField);
        Assert.False(r.HasTextField);
        Assert.Equal("bar"u8.ToArray(), r.DataField.ToArray());
        Assert.Equal((7u, "seven"), (r.StructField.Id, r.StructField.Label.ToString()));
        Assert.Equal(Color.Blue, r.EnumField);
        Assert.Equal(new[] { 1, 2, 3 }, r.Int32List.ToArray());
        Assert.Equal(new[] { "a", "b" }, r.TextList.Select(t => t.ToString()));
        Assert.Equal(new[] { "", "two" }, r.StructList.Select(s => s.Label.ToString()));
        Assert.Equal(new[] { true, false, true }, r.BoolList.ToArray());
    }

    [Fact]
    public void ChangedDefaultsAreReadAsWrittenNotAsDefaults()
    {
        using var reader = Framing.ReadMessage(Vectors.Binary("TestDefaults.changed"));
        var r = reader.GetRoot<TestDefaults>();
        Assert.False(r.BoolField);
        Assert.Equal(1, r.Int8Field);
        Assert.Equal(8ul, r.UInt64Field);
        Assert.Equal(9.5f, r.Float32Field);
        Assert.Equal(1.5f, r.NanField);
        Assert.Equal(-1, r.InfField);
        Assert.Equal(0.0, r.NegativeField);
        Assert.Equal("other", (string)r.TextField);
        Assert.Equal(99u, r.StructField.Id);
        Assert.Equal(Color.Red, r.EnumField);
        Assert.Empty(r.Int32List);
        Assert.Equal(["z"], r.TextList.Select(t => t.ToString()));
        Assert.Empty(r.StructList);
        Assert.Equal([false], r.BoolList.ToArray());
    }

    [Fact]
    public void UnionsAndGroupsReadAsCapnpEncodedThem()
    {
        using var number = Framing.ReadMessage(Vectors.Binary("TestUnions.number"));
        var n = number.GetRoot<TestUnions>();
        Assert.Equal(TestUnions.WhichCase.Number, n.Which);
        Assert.Equal(12345, n.Number);
        Assert.Equal(TestUnions.NamedGroup.WhichCase.B, n.Named.Which);
        Assert.Equal("bee", (string)n.Named.B);
        Assert.Equal(9, n.Outer.Before);
        Assert.Equal(TestUnions.OuterGroup.WhichCase.Left, n.Outer.Which);
        Assert.Equal(-77, n.Outer.Left);
        Assert.Equal(1, n.After);

        using var coords = Framing.ReadMessage(Vectors.Binary("TestUnions.coords"));
        var c = coords.GetRoot<TestUnions>();
        Assert.Equal(TestUnions.WhichCase.Coords, c.Which);
        Assert.Equal((1.5, -2.5), (c.Coords.X, c.Coords.Y));
        Assert.True(c.Named.C);
        Assert.Equal(TestUnions.OuterGroup.WhichCase.Right, c.Outer.Which);
        Assert.True(c.Outer.Right.Flag);
        Assert.Equal("right", (string)c.Outer.Right.Label);
        Assert.Equal(42, c.After);

        using var inner = Framing.ReadMessage(Vectors.Binary("TestUnions.inner"));
        var i = inner.GetRoot<TestUnions>();
        Assert.Equal(TestUnions.WhichCase.Inner, i.Which);
        Assert.Equal((5u, "five"), (i.Inner.Id, i.Inner.Label.ToString()));
        Assert.Equal(TestUnions.NamedGroup.WhichCase.A, i.Named.Which);
        Assert.Equal(500, i.Named.A);
    }
}
