using System.Text;
using Capnp.Tests.Schema;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>
/// <see cref="CapnpText"/> prints values as the C++ library does: compared with `capnp decode --short` (the official
/// tool's stringify) on the same bytes, and with the committed vector texts, which are that tool's output.
/// </summary>
public sealed class CapnpTextTests
{
    public static TheoryData<string> VectorNames => [.. Vectors.Builders.Keys.Order()];

    public static TheoryData<string> EdgeCaseNames => [.. EdgeCases.Keys.Order()];

    // Messages whose printing has a trap: number formats, escapes, unions, defaults, unknown values.
    private static readonly Dictionary<string, (string Type, Action<MessageBuilder> Build)> EdgeCases = new()
    {
        ["doubles"] = ("TestAllTypes", m => m.InitRoot<TestAllTypes.Builder>().InitFloat64List(18).CopyFrom(
        [
            0.1, 1e-5, 1e-4, 0.0001234, 123456789012345678, 1e15, 1e16, 1e17, 5e-324, double.MaxValue, -0.0, 2.5,
            1.0 / 3, 100, 123456789012344.5, double.NaN, -1.5e-10, 9.999999999999999e22,
        ])),
        ["floats"] = ("TestAllTypes", m => m.InitRoot<TestAllTypes.Builder>().InitFloat32List(14).CopyFrom(
        [
            0.1f, 1e-5f, 16777216f, float.MaxValue, 1.17549435e-38f, 131072.125f, 0.3f, 1e10f, -0f, float.Epsilon,
            1048576.5f, 100000f, 1000000f, 3.14159274f,
        ])),
        ["scalarFloats"] = ("TestAllTypes", m =>
        {
            var b = m.InitRoot<TestAllTypes.Builder>();
            b.Float32Field = 0.3f;
            b.Float64Field = 1e100;
        }),
        ["textEscapes"] = ("TestAllTypes", m =>
        {
            var b = m.InitRoot<TestAllTypes.Builder>();
            var text = new List<byte>();
            for (int i = 1; i < 128; i++)
                text.Add((byte)i);
            text.AddRange("é€😀"u8.ToArray());
            b.SetTextField(text.ToArray());
            var data = new byte[256];
            for (int i = 0; i < data.Length; i++)
                data[i] = (byte)i;
            b.SetDataField(data);
        }),
        ["invalidUtf8"] = ("TestAllTypes", m => m.InitRoot<TestAllTypes.Builder>().SetTextField([0x61, 0xff, 0x62, 0xc3, 0x28, 0xe2, 0x82])),
        ["unknownEnum"] = ("TestAllTypes", m =>
        {
            var b = m.InitRoot<TestAllTypes.Builder>();
            b.EnumField = (Color)99;
            var list = b.InitEnumList(2);
            list[0] = Color.Green;
            list[1] = (Color)4;
        }),
        ["opaque"] = ("TestAllTypes", m =>
        {
            var b = m.InitRoot<TestAllTypes.Builder>();
            b.AnyField.InitStruct(Inner.Builder.Size);
        }),
        ["nullElements"] = ("TestAllTypes", m =>
        {
            var b = m.InitRoot<TestAllTypes.Builder>();
            b.InitTextList(2).Set(1, "x");
            b.InitDataList(2);
            b.InitStructList(1);
            b.InitTextListList(2);
        }),
        ["defaultUnion"] = ("TestUnions", m => m.InitRoot<TestUnions.Builder>()),
        ["nullTextMember"] = ("TestUnions", m => m.InitRoot<TestUnions.Builder>().Struct.WriteUInt16(0, 2)),
        ["nullStructMember"] = ("TestUnions", m => m.InitRoot<TestUnions.Builder>().Struct.WriteUInt16(0, 3)),
        ["unknownDiscriminant"] = ("TestUnions", m => m.InitRoot<TestUnions.Builder>().Struct.WriteUInt16(0, 77)),
        ["namedTextMember"] = ("TestUnions", m =>
        {
            var b = m.InitRoot<TestUnions.Builder>();
            b.SetText("t");
            b.Named.SetB("");
            b.Outer.InitRight();
        }),
        ["defaultsAtZero"] = ("TestDefaults", m =>
        {
            var b = m.InitRoot<TestDefaults.Builder>();
            b.BoolField = false;
            b.Float32Field = 0;
            b.NanField = 0;
            b.InfField = double.NegativeInfinity;
            b.EnumField = Color.Red;
        }),
        ["generic"] = ("UsesBox", m =>
        {
            var root = m.InitRoot<UsesBox.Builder>();
            var boxed = root.InitBoxed();
            boxed.Count = 2;
            boxed.Value.SetText("boxed");
            var texts = root.InitBoxedList().Value.InitList(ElementSize.Pointer, 2);
            texts.GetPointer(0).SetText("a");
            texts.GetPointer(1).SetText("b");
            var outer = root.InitOuter();
            var x = outer.InitIn_().X.InitStruct(Inner.Builder.Size);
            x.WriteUInt32(0, 5);
            x.GetPointer(0).SetText("five");
            outer.InitBoxes(1)[0].Value.InitStruct(Inner.Builder.Size).WriteUInt32(0, 7);
            root.InitUnbound().Value.SetText("opaque");
        }),
        ["collisions"] = ("Collisions", m => Vectors.Builders["Collisions.full"](m)),
    };

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void VectorsPrintAsTheCommittedCapnpDecodeText(string name)
    {
        using var message = Framing.ReadMessage(Vectors.Binary(name));
        Assert.Equal(Vectors.Text(name), CapnpText.Format(message.Root.GetStruct(), TypeId(name[..name.IndexOf('.')])));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void VectorsPrintAsCapnpDecodePrintsThem(string name)
    {
        if (!CapnpTool.Available())
            return;
        var type = name[..name.IndexOf('.')];
        var bytes = Vectors.Binary(name);
        using var message = Framing.ReadMessage(bytes);
        Assert.Equal(CapnpTool.Decode(type, bytes), CapnpText.Format(message.Root.GetStruct(), TypeId(type)));
    }

    [Theory]
    [MemberData(nameof(EdgeCaseNames))]
    public void EdgeCasesPrintAsCapnpDecodePrintsThem(string name)
    {
        if (!CapnpTool.Available())
            return;
        var (type, build) = EdgeCases[name];
        using var builder = new MessageBuilder();
        build(builder);
        var bytes = builder.ToFramedArray();
        using var message = Framing.ReadMessage(bytes);
        Assert.Equal(CapnpTool.Decode(type, bytes), CapnpText.Format(message.Root.GetStruct(), TypeId(type)));
    }

    [Fact]
    public void GeneratedReadersAndBuildersPrintThemselves()
    {
        using var builder = new MessageBuilder();
        var inner = builder.InitRoot<Inner.Builder>();
        inner.Id = 7;
        inner.SetLabel("say \"hi\"");
        const string expected = "(id = 7, label = \"say \\\"hi\\\"\")";
        Assert.Equal(expected, inner.ToString());
        Assert.Equal(expected, inner.AsReader().ToString());
        Assert.Equal(expected, CapnpText.Format(inner.AsReader()));
    }

    [Fact]
    public void GroupsPrintThroughTheirOwnTypeId()
    {
        using var message = Framing.ReadMessage(Vectors.Binary("TestUnions.coords"));
        var unions = message.GetRoot<TestUnions>();
        Assert.Equal("(x = 1.5, y = -2.5)", unions.Coords.ToString());
        Assert.Equal("(before = 1, right = (flag = true, label = \"right\"))", unions.Outer.ToString());
    }

    [Fact]
    public void CapabilitiesPrintAsExternal()
    {
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestAllTypes.Builder>();
        b.CapField = new Widget.Client(new LoopbackCapability(new NamedWidget()));
        b.InitCapList(2);
        var text = b.ToString();
        Assert.Contains("capField = <external capability>, capList = [<external capability>, <external capability>])", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingDeeperThanTheLimitPrintsAnEllipsis()
    {
        using var builder = new MessageBuilder();
        var node = builder.InitRoot<Nested.Builder>();
        for (int i = 1; i <= 5; i++)
        {
            node.Value = i;
            node = node.InitChild();
        }

        var text = new StringBuilder();
        SchemaRegistry.TryGetStruct(Nested.TypeId, out var schema);
        CapnpText.Append(text, builder.GetRoot<Nested.Builder>().AsReader().Struct, schema!, maxDepth: 2);
        Assert.Equal("(child = (child = (child = ..., value = 3), value = 2), value = 1)", text.ToString());
    }

    [Fact]
    public void AppendStopsOnceTheTextIsLongerThanTheLimit()
    {
        using var builder = new MessageBuilder();
        builder.InitRoot<TestAllTypes.Builder>().InitInt32List(10_000);
        SchemaRegistry.TryGetStruct(TestAllTypes.TypeId, out var schema);
        var text = new StringBuilder();
        CapnpText.Append(text, builder.GetRoot<TestAllTypes.Builder>().AsReader().Struct, schema!, maxChars: 200);
        Assert.InRange(text.Length, 200, 300);
        Assert.StartsWith("(voidField = void, boolField = false,", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnregisteredTypeIdIsRefused()
    {
        using var builder = new MessageBuilder();
        var root = builder.InitRoot<Inner.Builder>().AsReader().Struct;
        var e = Assert.Throws<ArgumentException>(() => CapnpText.Format(root, 0x1234));
        Assert.Contains("0x0000000000001234", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListsPrintWithTheirElementType()
    {
        using var builder = new MessageBuilder();
        var b = builder.InitRoot<TestAllTypes.Builder>();
        b.InitEnumList(2)[1] = Color.YellowGreen;
        var list = b.AsReader().EnumList.List;
        const ulong colorTypeId = 0xa5851250fb91d2be; // test.capnp's Color (C# enums carry no id)
        Assert.Equal("[red, yellowGreen]", CapnpText.FormatList(list, TypeSchema.Enum(colorTypeId)));
        Assert.Equal("[0, 3]", CapnpText.FormatList(list, TypeSchema.UInt16));
    }

    private static ulong TypeId(string schemaName)
    {
        Assert.True(SchemaRegistry.TryGetStruct(schemaName, out var schema), $"{schemaName} is not registered.");
        return schema.Id;
    }

    private sealed class NamedWidget : Widget.Server
    {
        public override ValueTask GetNameAsync(CallContext<Widget.GetNameParams, Widget.GetNameResults.Builder> context, CancellationToken cancellationToken) => default;

        public override ValueTask ResizeAsync(CallContext<Widget.ResizeParams, Widget.ResizeResults.Builder> context, CancellationToken cancellationToken) => default;

        public override ValueTask DescribeAsync(CallContext<Inner, Inner.Builder> context, CancellationToken cancellationToken) => default;
    }
}
