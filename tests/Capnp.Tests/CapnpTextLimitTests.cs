using System.Text;
using Capnp.Tests.Schema;

namespace Capnp.Tests;

/// <summary>
/// <see cref="CapnpText.Append"/> with a length limit gives the same text as the whole printout cut at the limit, and
/// stops early inside a long Data or Text value (an IPC trace line holding a whole block).
/// </summary>
public sealed class CapnpTextLimitTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(35)]
    [InlineData(200)]
    [InlineData(1000)]
    public void ALimitedPrintoutIsTheWholePrintoutCutAtTheLimit(int maxChars)
    {
        using var builder = new MessageBuilder();
        var root = builder.InitRoot<TestAllTypes.Builder>();
        root.SetDataField(Enumerable.Range(0, 5_000).Select(i => (byte)(i * 37)).ToArray());
        root.SetTextField(string.Concat(Enumerable.Repeat("line\n\"quoted\" é ", 300)));
        var reader = builder.GetRoot<TestAllTypes.Builder>().AsReader().Struct;
        SchemaRegistry.TryGetStruct(TestAllTypes.TypeId, out var schema);

        var whole = CapnpText.Format(reader, schema!);
        var limited = new StringBuilder();
        CapnpText.Append(limited, reader, schema!, maxChars);

        Assert.True(limited.Length > maxChars);
        Assert.Equal(whole[..(maxChars + 1)], limited.ToString()[..(maxChars + 1)]);
    }

    [Fact]
    public void ALongDataValueIsEscapedOnlyUpToTheLimit()
    {
        using var builder = new MessageBuilder();
        // Every byte past ASCII prints as a four-character octal escape: 400,000 characters in all.
        builder.InitRoot<TestAllTypes.Builder>().SetDataField(Enumerable.Repeat((byte)0xff, 100_000).ToArray());
        SchemaRegistry.TryGetStruct(TestAllTypes.TypeId, out var schema);
        var text = new StringBuilder();
        CapnpText.Append(text, builder.GetRoot<TestAllTypes.Builder>().AsReader().Struct, schema!, maxChars: 1000);
        Assert.InRange(text.Length, 1001, 1100);
    }
}
