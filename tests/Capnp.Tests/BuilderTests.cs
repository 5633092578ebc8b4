using Capnp.Tests.Schema;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>Generated builders: unions, groups, defaults, in-place text and data, constants, reading back.</summary>
public sealed class BuilderTests
{
    [Fact]
    public void RoundTripThroughFramingKeepsEveryField()
    {
        using var builder = new MessageBuilder();
        Vectors.BuildFull(builder.InitRoot<TestAllTypes.Builder>());
        Vectors.AssertFull(Framing.ReadMessage(builder.ToFramedArray()).GetRoot<TestAllTypes>());
        Vectors.AssertFull(builder.AsReader().GetRoot<TestAllTypes>());
        Vectors.AssertFull(builder.GetRoot<TestAllTypes.Builder>().AsReader());
    }

    [Fact]
    public void BuilderPropertiesReadBackWhatWasSet()
    {
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestAllTypes.Builder>();
        b.Int32Field = 5;
        b.Float64Field = 2.5;
        b.EnumField = Color.Green;
        b.SetTextField("text");
        Assert.Equal((5, 2.5, Color.Green, "text"), (b.Int32Field, b.Float64Field, b.EnumField, b.TextField.ToString()));
        Assert.True(b.HasTextField);
        Assert.False(b.HasDataField);
    }

    [Fact]
    public void ReadingAnUnsetListOnABuilderLeavesItUnset()
    {
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestAllTypes.Builder>();
        Assert.Empty(b.Int32List);
        Assert.Empty(b.StructList);
        Assert.False(b.HasInt32List);
        Assert.False(b.HasStructList);
    }

    [Fact]
    public void SettingAUnionMemberSetsTheDiscriminant()
    {
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestUnions.Builder>();
        Assert.Equal(TestUnions.WhichCase.None, b.Which);
        b.Number = 5;
        Assert.Equal(TestUnions.WhichCase.Number, b.Which);
        b.SetText("t");
        Assert.Equal(TestUnions.WhichCase.Text, b.Which);
        var coords = b.InitCoords();
        Assert.Equal(TestUnions.WhichCase.Coords, b.Which);
        Assert.Equal((0.0, 0.0), (coords.X, coords.Y));
        b.SetNone();
        Assert.Equal(TestUnions.WhichCase.None, b.Which);
        var outer = b.Outer;
        outer.InitRight().SetLabel("r");
        Assert.Equal(TestUnions.OuterGroup.WhichCase.Right, outer.Which);
        outer.Left = 3;
        Assert.Equal(TestUnions.OuterGroup.WhichCase.Left, b.AsReader().Outer.Which);
    }

    [Fact]
    public void InitGroupInAUnionClearsItsFieldsOverWhatAnotherMemberLeft()
    {
        using var builder = new MessageBuilder();
        var outer = builder.InitRoot<TestUnions.Builder>().Outer;
        outer.Left = -1;
        var right = outer.InitRight();
        Assert.False(right.Flag);
        Assert.False(right.HasLabel);

        // As in C++, only the group's own fields are cleared: flag shares left's lowest bit.
        Assert.Equal(-2, outer.Left);
    }

    [Fact]
    public void BuilderGettersStartFromTheSchemaDefaults()
    {
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestDefaults.Builder>();
        Assert.Equal(-123, b.Int8Field);
        Assert.Equal("foo", (string)b.TextField);
        Assert.Equal("bar"u8.ToArray(), b.DataField.ToArray());
        var structField = b.StructField;
        Assert.Equal((7u, "seven"), (structField.Id, structField.Label.ToString()));
        Assert.Equal(new[] { 1, 2, 3 }, b.Int32List.ToArray());
        var list = b.Int32List;
        list[0] = 10;
        Assert.Equal(new[] { 10, 2, 3 }, builder.AsReader().GetRoot<TestDefaults>().Int32List.ToArray());
    }

    [Fact]
    public void TextAndDataCanBeFilledInPlace()
    {
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestAllTypes.Builder>();
        "in place"u8.CopyTo(b.InitTextField(8));
        var data = b.InitDataField(4);
        data.Fill(0xAB);
        var reader = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<TestAllTypes>();
        Assert.Equal("in place", (string)reader.TextField);
        Assert.True(reader.TextField.Equals("in place"));
        Assert.Equal(new byte[] { 0xAB, 0xAB, 0xAB, 0xAB }, reader.DataField.ToArray());
    }

    [Fact]
    public void ConstantsHaveTheSchemaValues()
    {
        Assert.Equal(-5, TestSchema.ConstInt);
        Assert.Equal("hello \"world\"\n", TestSchema.ConstText);
        Assert.Equal(new byte[] { 0x00, 0xff, 0x10 }, TestSchema.ConstData.ToArray());
        Assert.Equal((9u, "nine"), (TestSchema.ConstStruct.Id, TestSchema.ConstStruct.Label.ToString()));
        Assert.Equal(new[] { 1.5, -2.25 }, TestSchema.ConstList.ToArray());
        Assert.Equal(Color.Green, TestSchema.ConstEnum);
        Assert.True(TestSchema.ConstBool);
        Assert.True(float.IsNaN(TestSchema.ConstNan));
        Assert.Equal(ulong.MaxValue, TestSchema.ConstUInt64);
        Assert.Equal(100u, TestAllTypes.MaxCount);
    }

    [Fact]
    public void GenericParameterFieldsReadAsAnyPointer()
    {
        using var builder = new MessageBuilder();
        var box = builder.InitRoot<UsesBox.Builder>().InitBoxed();
        box.Value.SetText("boxed text");
        box.Count = 1;
        var reader = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<UsesBox>();
        Assert.Equal("boxed text", (string)reader.Boxed.Value.GetText());
        Assert.Equal(1u, reader.Boxed.Count);
    }

    [Fact]
    public void CollidingNamesGetDistinctMembers()
    {
        using var message = Framing.ReadMessage(Vectors.Binary("Collisions.full"));
        var r = message.GetRoot<Collisions>();
        Assert.Equal(5, r.Inner_.Value);
        Assert.Equal(Collisions.Kind.Second, r.Kind_);
        Assert.Equal("b", (string)r.Builder_);
        Assert.Equal(7, r.Which_);
        Assert.True(r.HasInner);
        Assert.True(r.HasInner_);
        Assert.Equal((9, 10, 11), (r.Collisions_, r.Pipeline_, r.Class));
    }

    [Fact]
    public void DisposedBuilderRefusesUse()
    {
        var builder = new MessageBuilder();
        builder.InitRoot<Inner.Builder>();
        builder.Dispose();
        builder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => builder.Root);
        Assert.Throws<ObjectDisposedException>(() => builder.ToFramedArray());
    }

    [Fact]
    public void LargeObjectsSpillIntoNewSegmentsThroughFarPointers()
    {
        using var builder = new MessageBuilder(firstSegmentWords: 16);
        var b = builder.InitRoot<TestAllTypes.Builder>();
        b.SetDataField(new byte[10_000]);
        b.SetTextField("after the data");
        Assert.True(builder.SegmentCount > 1);
        var reader = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<TestAllTypes>();
        Assert.Equal(10_000, reader.DataField.Length);
        Assert.Equal("after the data", (string)reader.TextField);
    }

    [Fact]
    public void GeneratedSettersDeepCopyStructsAndListsFromAnotherMessage()
    {
        using var source = Framing.ReadMessage(Vectors.Binary("TestAllTypes.full"));
        var full = source.GetRoot<TestAllTypes>();
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestAllTypes.Builder>();
        b.SetStructField(full);
        b.SetStructList(full.StructList);
        b.SetTextListList(full.TextListList);
        var reader = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<TestAllTypes>();
        Vectors.AssertFull(reader.StructField);
        Assert.Equal(new[] { "a", "", "c" }, reader.StructList.Select(s => s.Label.ToString()));
        Assert.Equal(new[] { "a,b", "c" }, reader.TextListList.Select(l => string.Join(",", l.Select(t => t.ToString()))));
    }

    [Fact]
    public void PipelinePathsCompareByTheirFields()
    {
        var path = PipelinePath.Empty.Append(1).Append(2);
        Assert.Equal(new ushort[] { 1, 2 }, path.Fields.ToArray());
        Assert.Equal(path, PipelinePath.Empty.Append(1).Append(2));
        Assert.NotEqual(path, PipelinePath.Empty.Append(2));
        Assert.Equal(0, PipelinePath.Empty.Fields.Length);
    }
}
