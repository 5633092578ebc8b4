using Capnp.Tests.Schema;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>Schema evolution: structs written with fewer or more fields than the reader knows, both ways.</summary>
public sealed class UpgradeTests
{
    [Fact]
    public void NewerReaderSeesDefaultsForFieldsAnOlderWriterLacked()
    {
        using var message = Framing.ReadMessage(Vectors.Binary("HoldsVersion1.full"));
        var holder = message.GetRoot<HoldsVersion2>();
        Assert.Equal(new[] { "1 one 17 dd 0", "2 two 17 dd 0" },
            holder.Items.Select(v => $"{v.A} {v.B} {v.C} {v.D} {v.E.Count}"));
        Assert.Equal((3L, "three", 17), (holder.One.A, holder.One.B.ToString(), holder.One.C));
        Assert.False(holder.One.HasD);
    }

    [Fact]
    public void OlderReaderIgnoresFieldsANewerWriterAdded()
    {
        using var message = Framing.ReadMessage(Vectors.Binary("HoldsVersion2.full"));
        var holder = message.GetRoot<HoldsVersion1>();
        Assert.Equal(new[] { "1 one", "2 " }, holder.Items.Select(v => $"{v.A} {v.B}"));
        Assert.Equal((3L, "three"), (holder.One.A, holder.One.B.ToString()));
    }

    [Fact]
    public void BuilderUpgradesAnOlderStructCopiedIntoIt()
    {
        using var old = Framing.ReadMessage(Vectors.Binary("HoldsVersion1.full"));
        using var builder = new MessageBuilder();
        builder.Root.SetFrom(old.Root);
        var one = builder.GetRoot<HoldsVersion2.Builder>().One;
        one.C = 5;
        one.SetD("x");
        var reader = builder.AsReader().GetRoot<HoldsVersion2>();
        Assert.Equal((3L, "three", 5, "x"), (reader.One.A, reader.One.B.ToString(), reader.One.C, reader.One.D.ToString()));
        Assert.Equal(new[] { "one", "two" }, reader.Items.Select(v => v.B.ToString()));
    }

    [Fact]
    public void PrimitiveListsReadAsStructListsAndBack()
    {
        // A List(UInt32) read as a list of structs whose first field is the element, and a struct list read as a
        // list of its first data words.
        using var builder = new MessageBuilder();
        builder.Root.InitList(ElementSize.FourBytes, 3).TryGetSpan<uint>(out var span);
        span[0] = 10;
        span[1] = 20;
        span[2] = 30;
        var asStructs = new StructListReader<Inner>(builder.AsReader().Root.GetList(ElementSize.InlineComposite));
        Assert.Equal(new uint[] { 10, 20, 30 }, asStructs.Select(i => i.Id));
        Assert.All(asStructs, i => Assert.False(i.HasLabel));

        using var structs = Framing.ReadMessage(Vectors.Binary("TestAllTypes.full"));
        // structList is pointer 18 of TestAllTypes.
        var list = structs.GetRoot<TestAllTypes>().Struct.ReadList(18, ElementSize.FourBytes);
        Assert.Equal(new uint[] { 1, 2, 0 }, new PrimitiveListReader<uint>(list).ToArray());
    }

    [Fact]
    public void StructReaderPastItsSectionsReadsDefaults()
    {
        var empty = default(StructReader);
        Assert.Equal(5, empty.ReadInt32(3, 5));
        Assert.True(empty.ReadBool(100, true));
        Assert.True(empty.ReadStruct(0).IsNull);
        Assert.Equal(0, empty.ReadList(0, ElementSize.Pointer).Count);
        Assert.True(new TestDefaults(empty).BoolField);
        Assert.Equal("foo", (string)new TestDefaults(empty).TextField);
    }
}
