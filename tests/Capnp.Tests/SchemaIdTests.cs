using System.Text;
using System.Text.RegularExpressions;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>
/// Our declarations of libmultiprocess's and Bitcoin Core's schemas give the ids Core's processes use on the wire,
/// and the generated C# carries them.
/// </summary>
public sealed partial class SchemaIdTests
{
    public static TheoryData<string, string, string, ulong> WireIds => new()
    {
        { "src/Multiprocess/Schemas", "mp/proxy.capnp", "ThreadMap", 0xee5e37179ad9dc9d },
        { "src/Multiprocess/Schemas", "mp/proxy.capnp", "Thread", 0x81c1e2600d0b56c5 },
        { "src/Multiprocess/Schemas", "mp/proxy.capnp", "Context", 0x9c44e6645d0b22c6 },
        { "src/Bitcoin.Ipc/Schemas", "init.capnp", "Init", 0x8838c700ba5cba65 },
        { "src/Bitcoin.Ipc/Schemas", "echo.capnp", "Echo", 0xd36b89640dc94399 },
    };

    [Theory]
    [MemberData(nameof(WireIds))]
    public void SchemasAndGeneratedCodeCarryCoresIds(string directory, string file, string type, ulong id)
    {
        var generated = File.ReadAllText(RepoRoot.Combine(directory.Replace("Schemas", "Generated"), file + ".cs"));
        var constant = type == "Context" ? $"TypeId => 0x{id:x16}UL" : $"InterfaceId = 0x{id:x16}UL";
        Assert.Matches($@"partial (class|struct) {type}\b[^\n]*\n\{{[\s\S]*?{Regex.Escape(constant)}", generated);

        if (!CapnpTool.Available())
            return;
        var result = CapnpTool.Run(["compile", "-ocapnp", .. CapnpTool.ImportArgs, "--src-prefix=" + directory, directory + "/" + file], []);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches($@"(interface|struct) {type} @0x{id:x16}\b", Encoding.UTF8.GetString(result.Output));
    }

    [Fact]
    public void GeneratedTypesCarryTheNamesLogsShow()
    {
        Assert.Equal("Gadget.activate$Params", Capnp.Tests.Schema.Gadget.ActivateParams.SchemaName);
        Assert.Equal("TestUnions.outer", Capnp.Tests.Schema.TestUnions.OuterGroup.SchemaName);
        Assert.Equal("Gadget", Capnp.Tests.Schema.Gadget.SchemaName);
        var generated = File.ReadAllText(RepoRoot.Combine("src", "Bitcoin.Ipc", "Generated", "init.capnp.cs"));
        Assert.Contains("public const string SchemaName = \"Init.construct$Params\";", generated);
    }

    [Fact]
    public void AnnotationFilesKeepTheirOriginalIds()
    {
        Assert.StartsWith("# ", File.ReadAllText(RepoRoot.Combine("src", "Capnp", "Schemas", "capnp", "c++.capnp")));
        Assert.Contains("@0xbdf87d7bb8304e81;", File.ReadAllText(RepoRoot.Combine("src", "Capnp", "Schemas", "capnp", "c++.capnp")));
        Assert.Contains("@0xcc316e3f71a040fb;", File.ReadAllText(RepoRoot.Combine("src", "Multiprocess", "Schemas", "mp", "proxy.capnp")));
    }
}
