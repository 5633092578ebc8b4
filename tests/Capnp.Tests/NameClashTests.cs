using Capnp.Tests.Clashes;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>
/// Schema names that clash with generated members, with object's members or with C# keywords (Schemas/clashes.capnp)
/// get escaped names, so the generated code compiles (this project builds it) and every field stays reachable.
/// </summary>
public sealed class NameClashTests
{
    [Fact]
    public void ClashingFieldsGetSuffixedNamesAndKeepTheirValues()
    {
        using var message = new MessageBuilder();
        var b = message.InitRoot<Members.Builder>();
        b.Size_ = 1;
        b.Finalize_ = true;
        b.SetStruct_("s");
        b.TypeId_ = 2;
        b.SetToString_("t");
        b.Equals_ = 3;
        b.GetHashCode_ = 4;
        b.GetType_ = 5;
        b.MemberwiseClone_ = 6;
        b.Create_ = 7.5f;
        b.ReferenceEquals_ = true;
        b.S = 8;
        b.Value = 9;
        b.Default = 10;
        b.Pipeline_ = 11;
        b.Members_ = 12;
        b.@int = 13;
        b.SetEvent("e");

        var r = b.AsReader();
        Assert.Equal((1u, true, "s", 2UL, "t"), (r.Size_, r.Finalize_, (string)r.Struct_, r.TypeId_, (string)r.ToString_));
        Assert.Equal((3, 4, 5, 6L, 7.5f), ((int)r.Equals_, (int)r.GetHashCode_, r.GetType_, r.MemberwiseClone_, r.Create_));
        Assert.Equal((8, 9, 10, 11, 12, 13, "e"), (r.S, r.Value, r.Default, r.Pipeline_, r.Members_, r.@int, (string)r.@event));
        Assert.Equal(Members.WhichCase.Pipeline, r.Which);

        // The text shows the schema's own names.
        Assert.Equal(
            "(size = 1, finalize = true, struct = \"s\", typeId = 2, toString = \"t\", equals = 3, getHashCode = 4, getType = 5, " +
            "memberwiseClone = 6, create = 7.5, asReader = false, referenceEquals = true, s = 8, value = 9, default = 10, " +
            "pipeline = 11, members = 12, keyword = 13, event = \"e\")",
            r.ToString());
    }

    [Fact]
    public void KeywordNamesChosenByAnnotationAreEscaped()
    {
        using var message = new MessageBuilder();
        var b = message.InitRoot<Renamed.Builder>();
        b.@object = 4;
        b.SetLock("held");
        Assert.Equal((4, Renamed.WhichCase.@lock, "held"), (b.AsReader().@object, b.AsReader().Which, (string)b.AsReader().@lock));
        Assert.Equal(1, (int)Kinds.@static);
        Assert.Equal(11, Calls.Methods.@switch);
    }

    [Fact]
    public void ConstantsThatClashWithTheSchemaClassMembersAreSuffixed()
    {
        Assert.Equal(0xc1a5e5c0ffee0001, ClashesSchema.FileId);
        Assert.Equal((1, 2, 3), (ClashesSchema.FileId_, ClashesSchema.RegisterSchemas_, ClashesSchema.Equals_));
    }

    [Fact]
    public void ClashingMethodNamesKeepTheirOrdinalsAndSchemaNames()
    {
        Assert.Equal((0, 1, 5, 6, 9), (Calls.Methods.Dispose, Calls.Methods.AddRef, Calls.Methods.Equals_, Calls.Methods.ToString_, Calls.Methods.Methods_));
        Assert.True(Rpc.RpcSchemaRegistry.TryGetMethod(Calls.InterfaceId, Calls.Methods.ToString_, out var method));
        Assert.Equal("Calls.toString$Params", method.Params);
    }

    [Fact]
    public void TheClashSchemaDecodesAsCapnpDecodeDoes()
    {
        if (!CapnpTool.Available())
            return;
        using var message = new MessageBuilder();
        var b = message.InitRoot<Members.Builder>();
        b.Size_ = 70000;
        b.SetBuilder_("union member");
        b.@int = -1;
        string[] args =
        [
            "decode", "--short", .. CapnpTool.ImportArgs, RepoRoot.Combine("tests", "Capnp.Tests", "Schemas", "clashes.capnp"), "Members",
        ];
        var result = CapnpTool.Run(args, message.ToFramedArray());
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(result.Output).TrimEnd('\n'), b.AsReader().ToString());
    }
}
