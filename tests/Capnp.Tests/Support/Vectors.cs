using Capnp.Tests.Schema;

namespace Capnp.Tests.Support;

/// <summary>
/// The committed test vectors (Vectors/*.txt, with the .bin files `capnp encode` made from them), and for each one
/// the code that builds the same message with our builders.
/// </summary>
internal static class Vectors
{
    public static string Directory => RepoRoot.Combine("tests", "Capnp.Tests", "Vectors");

    /// <summary>Vector name ("TestAllTypes.full") to the code that builds it.</summary>
    public static IReadOnlyDictionary<string, Action<MessageBuilder>> Builders { get; } = new Dictionary<string, Action<MessageBuilder>>
    {
        ["TestAllTypes.full"] = m => BuildFull(m.InitRoot<TestAllTypes.Builder>()),
        ["TestAllTypes.empty"] = m => m.InitRoot<TestAllTypes.Builder>(),
        ["TestDefaults.empty"] = m => m.InitRoot<TestDefaults.Builder>(),
        ["TestDefaults.changed"] = m => BuildChangedDefaults(m.InitRoot<TestDefaults.Builder>()),
        ["TestUnions.number"] = m =>
        {
            var b = m.InitRoot<TestUnions.Builder>();
            b.Number = 12345;
            b.Named.SetB("bee");
            var outer = b.Outer;
            outer.Before = 9;
            outer.Left = -77;
            b.After = 1;
        },
        ["TestUnions.coords"] = m =>
        {
            var b = m.InitRoot<TestUnions.Builder>();
            var coords = b.InitCoords();
            coords.X = 1.5;
            coords.Y = -2.5;
            var named = b.Named;
            named.C = true;
            var outer = b.Outer;
            outer.Before = 1;
            var right = outer.InitRight();
            right.Flag = true;
            right.SetLabel("right");
        },
        ["TestUnions.inner"] = m =>
        {
            var b = m.InitRoot<TestUnions.Builder>();
            var inner = b.InitInner();
            inner.Id = 5;
            inner.SetLabel("five");
            var named = b.Named;
            named.A = 500;
        },
        ["Version2.full"] = m =>
        {
            var b = m.InitRoot<Version2.Builder>();
            b.A = 1;
            b.SetB("bee");
            b.C = 3;
            b.SetD("dee");
            var e = b.InitE(2);
            e.Set(0, "x");
            e.Set(1, "y");
        },
        ["HoldsVersion2.full"] = m =>
        {
            var b = m.InitRoot<HoldsVersion2.Builder>();
            var items = b.InitItems(2);
            var first = items[0];
            first.A = 1;
            first.SetB("one");
            first.C = 10;
            first.SetD("d1");
            first.InitE(1).Set(0, "e");
            var second = items[1];
            second.A = 2;
            second.C = 20;
            var one = b.InitOne();
            one.A = 3;
            one.SetB("three");
            one.C = 30;
        },
        ["HoldsVersion1.full"] = m =>
        {
            var b = m.InitRoot<HoldsVersion1.Builder>();
            var items = b.InitItems(2);
            var first = items[0];
            first.A = 1;
            first.SetB("one");
            var second = items[1];
            second.A = 2;
            second.SetB("two");
            var one = b.InitOne();
            one.A = 3;
            one.SetB("three");
        },
        ["Collisions.full"] = m =>
        {
            var b = m.InitRoot<Collisions.Builder>();
            var inner = b.InitInner_();
            inner.Value = 5;
            b.Kind_ = Collisions.Kind.Second;
            b.SetBuilder_("b");
            b.Which_ = 7;
            b.HasInner = true;
            b.Collisions_ = 9;
            b.Pipeline_ = 10;
            b.Class = 11;
        },
    };

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name + ".txt")).TrimEnd('\n');

    public static byte[] Binary(string name, string variant = "") =>
        File.ReadAllBytes(Path.Combine(Directory, name + (variant.Length > 0 ? "." + variant : "") + ".bin"));

    public static void BuildFull(TestAllTypes.Builder b)
    {
        b.BoolField = true;
        b.Int8Field = -128;
        b.Int16Field = -32768;
        b.Int32Field = int.MinValue;
        b.Int64Field = long.MinValue;
        b.UInt8Field = 255;
        b.UInt16Field = 65535;
        b.UInt32Field = uint.MaxValue;
        b.UInt64Field = ulong.MaxValue;
        b.Float32Field = 1.25f;
        b.Float64Field = -2.5e-300;
        b.SetTextField("héllo \"quoted\"\n");
        b.SetDataField([0x00, 0x01, 0xfe, 0xff]);
        var nested = b.InitStructField();
        nested.Int32Field = 7;
        nested.SetTextField("nested");
        var deeper = nested.InitStructField();
        deeper.BoolField = true;
        b.EnumField = Color.YellowGreen;
        var inner = b.InitInnerField();
        inner.Id = 3;
        inner.SetLabel("three");
        b.InitVoidList(3);
        var bools = b.InitBoolList(9);
        bool[] boolValues = [true, false, false, true, true, false, true, false, true];
        for (int i = 0; i < boolValues.Length; i++)
            bools[i] = boolValues[i];
        b.InitInt8List(3).CopyFrom([-1, 2, -128]);
        b.InitInt16List(2).CopyFrom([1000, -1000]);
        b.InitInt32List(3).CopyFrom([1, -2, int.MaxValue]);
        b.InitInt64List(2).CopyFrom([123456789012, -1]);
        b.InitUInt8List(3).CopyFrom([0, 128, 255]);
        b.InitUInt16List(2).CopyFrom([65535, 1]);
        b.InitUInt32List(1).CopyFrom([4000000000]);
        b.InitUInt64List(2).CopyFrom([ulong.MaxValue, 0]);
        b.InitFloat32List(3).CopyFrom([0.5f, float.NegativeInfinity, float.PositiveInfinity]);
        b.InitFloat64List(2).CopyFrom([3.141592653589793, 1e308]);
        var texts = b.InitTextList(3);
        texts.Set(0, "one");
        texts.Set(1, "");
        texts.Set(2, "three");
        var datas = b.InitDataList(3);
        datas.Set(0, [0xde, 0xad]);
        datas.Set(1, []);
        datas.Set(2, [0xbe, 0xef, 0x00]);
        var structs = b.InitStructList(3);
        var s0 = structs[0];
        s0.Id = 1;
        s0.SetLabel("a");
        var s1 = structs[1];
        s1.Id = 2;
        structs[2].SetLabel("c");
        var enums = b.InitEnumList(3);
        enums[0] = Color.Red;
        enums[1] = Color.Blue;
        enums[2] = Color.YellowGreen;
        var lists = b.InitInt32ListList(3);
        lists.Init(0, 2).CopyFrom([1, 2]);
        lists.Init(1, 0);
        lists.Init(2, 1)[0] = 3;
        var textLists = b.InitTextListList(2);
        var first = textLists.Init(0, 2);
        first.Set(0, "a");
        first.Set(1, "b");
        textLists.Init(1, 1).Set(0, "c");
    }

    /// <summary>Checks every field of the TestAllTypes.full vector through the generated reader.</summary>
    public static void AssertFull(TestAllTypes r)
    {
        Assert.True(r.BoolField);
        Assert.Equal(-128, r.Int8Field);
        Assert.Equal(-32768, r.Int16Field);
        Assert.Equal(int.MinValue, r.Int32Field);
        Assert.Equal(long.MinValue, r.Int64Field);
        Assert.Equal(255, r.UInt8Field);
        Assert.Equal(65535, r.UInt16Field);
        Assert.Equal(uint.MaxValue, r.UInt32Field);
        Assert.Equal(ulong.MaxValue, r.UInt64Field);
        Assert.Equal(1.25f, r.Float32Field);
        Assert.Equal(-2.5e-300, r.Float64Field);
        Assert.Equal("héllo \"quoted\"\n", r.TextField.ToString());
        Assert.Equal(new byte[] { 0x00, 0x01, 0xfe, 0xff }, r.DataField.ToArray());
        Assert.Equal(7, r.StructField.Int32Field);
        Assert.Equal("nested", (string)r.StructField.TextField);
        Assert.True(r.StructField.StructField.BoolField);
        Assert.False(r.StructField.StructField.HasStructField);
        Assert.Equal(Color.YellowGreen, r.EnumField);
        Assert.Equal(3u, r.InnerField.Id);
        Assert.Equal("three", (string)r.InnerField.Label);
        Assert.Equal(3, r.VoidList.Count);
        Assert.Equal(new[] { true, false, false, true, true, false, true, false, true }, r.BoolList.ToArray());
        Assert.Equal(new sbyte[] { -1, 2, -128 }, r.Int8List.ToArray());
        Assert.Equal(new short[] { 1000, -1000 }, r.Int16List.ToArray());
        Assert.Equal(new[] { 1, -2, int.MaxValue }, r.Int32List.ToArray());
        Assert.Equal(new long[] { 123456789012, -1 }, r.Int64List.ToArray());
        Assert.Equal(new byte[] { 0, 128, 255 }, r.UInt8List.ToArray());
        Assert.Equal(new ushort[] { 65535, 1 }, r.UInt16List.ToArray());
        Assert.Equal(new uint[] { 4000000000 }, r.UInt32List.ToArray());
        Assert.Equal(new[] { ulong.MaxValue, 0UL }, r.UInt64List.ToArray());
        Assert.Equal(new[] { 0.5f, float.NegativeInfinity, float.PositiveInfinity }, r.Float32List.ToArray());
        Assert.Equal(new[] { 3.141592653589793, 1e308 }, r.Float64List.ToArray());
        Assert.Equal(new[] { "one", "", "three" }, r.TextList.Select(t => t.ToString()));
        Assert.Equal(new[] { "dead", "", "beef00" }, r.DataList.Select(d => Convert.ToHexStringLower(d.Span)));
        Assert.Equal(3, r.StructList.Count);
        Assert.Equal((1u, "a"), (r.StructList[0].Id, r.StructList[0].Label.ToString()));
        Assert.Equal((2u, ""), (r.StructList[1].Id, r.StructList[1].Label.ToString()));
        Assert.False(r.StructList[1].HasLabel);
        Assert.Equal((0u, "c"), (r.StructList[2].Id, r.StructList[2].Label.ToString()));
        Assert.Equal(new[] { Color.Red, Color.Blue, Color.YellowGreen }, r.EnumList.ToArray());
        Assert.Equal(new[] { "1,2", "", "3" }, r.Int32ListList.Select(l => string.Join(",", l.ToArray())));
        Assert.Equal(new[] { "a,b", "c" }, r.TextListList.Select(l => string.Join(",", l.Select(t => t.ToString()))));
        Assert.True(r.AnyField.IsNull);
        Assert.True(r.CapField.IsNull);
    }

    private static void BuildChangedDefaults(TestDefaults.Builder b)
    {
        b.BoolField = false;
        b.Int8Field = 1;
        b.Int16Field = 2;
        b.Int32Field = 3;
        b.Int64Field = 4;
        b.UInt8Field = 5;
        b.UInt16Field = 6;
        b.UInt32Field = 7;
        b.UInt64Field = 8;
        b.Float32Field = 9.5f;
        b.Float64Field = 10.25;
        b.NanField = 1.5f;
        b.InfField = -1;
        b.NegativeField = 0;
        b.SetTextField("other");
        b.SetDataField([0x01]);
        var structField = b.InitStructField();
        structField.Id = 99;
        b.EnumField = Color.Red;
        b.InitInt32List(0);
        b.InitTextList(1).Set(0, "z");
        b.InitStructList(0);
        b.InitBoolList(1)[0] = false;
    }
}
