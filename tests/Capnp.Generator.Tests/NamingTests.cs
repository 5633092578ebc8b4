namespace Capnp.Generator.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("makeThread", "MakeThread")]
    [InlineData("uInt8Field", "UInt8Field")]
    [InlineData("snake_case_name", "SnakeCaseName")]
    [InlineData("c++", "Cxx")]
    [InlineData("9lives", "_9lives")]
    public void PascalCaseFollowsTheSchemaName(string name, string expected) => Assert.Equal(expected, Naming.Pascal(name));

    [Fact]
    public void UniqueNamesAvoidEverythingTaken()
    {
        var taken = new HashSet<string> { "Builder", "Inner" };
        Assert.Equal("Builder_", Naming.Unique("Builder", taken));
        Assert.Equal("Builder__", Naming.Unique("Builder", taken));
        Assert.Equal("Other", Naming.Unique("Other", taken));
    }

    [Fact]
    public void StringLiteralsEscapeQuotesControlsAndNonAscii() =>
        Assert.Equal("\"a\\\"b\\\\c\\n\\u00e9\"", Naming.StringLiteral("a\"b\\c\né"));

    [Fact]
    public void NamespacesComeFromTheCxxNamespace() =>
        Assert.Equal("Ipc.Capnp.Messages", Naming.NamespaceFromCxx("ipc::capnp::messages"));

    [Fact]
    public void KeywordsAreEscapedAsIdentifiers()
    {
        Assert.Equal("@class", Naming.Identifier("class"));
        Assert.Equal("Class", Naming.Identifier("Class"));
    }
}
