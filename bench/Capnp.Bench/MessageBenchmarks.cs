using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Capnp.Tests.Schema;

namespace Capnp.Bench;

/// <summary>
/// Writing and reading a message with a 1 MB Data field, and a struct of about 20 mixed fields, each next to a
/// plain copy of the same number of bytes (the baseline of its category, so ratios print). Allocations per message
/// come from the memory diagnoser.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MessageBenchmarks
{
    private const string LargeData = "1 MB Data";
    private const string TwentyFields = "20 fields";

    private readonly ArrayBufferWriter<byte> _output = new(2 << 20);
    private byte[] _payload = [];
    private byte[] _largeFrame = [];
    private byte[] _largeCopy = [];
    private byte[] _smallFrame = [];
    private byte[] _smallCopy = [];

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[1 << 20];
        new Random(1).NextBytes(_payload);
        _largeFrame = WriteLarge();
        _largeCopy = new byte[_largeFrame.Length];
        _smallFrame = WriteSmall();
        _smallCopy = new byte[_smallFrame.Length];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(LargeData)]
    public void MemcpyLarge() => _largeFrame.AsSpan().CopyTo(_largeCopy);

    [Benchmark]
    [BenchmarkCategory(LargeData)]
    public int WriteLargeData()
    {
        _output.ResetWrittenCount();
        using var message = new MessageBuilder();
        message.InitRoot<TestAllTypes.Builder>().SetDataField(_payload);
        message.WriteTo(_output);
        return _output.WrittenCount;
    }

    [Benchmark]
    [BenchmarkCategory(LargeData)]
    public int ReadLargeData()
    {
        // The Data field is a span over the received bytes: nothing is copied.
        var message = Framing.ReadMessage(_largeFrame);
        var data = message.GetRoot<TestAllTypes>().DataField.Span;
        return data.Length + data[^1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(TwentyFields)]
    public void MemcpySmall() => _smallFrame.AsSpan().CopyTo(_smallCopy);

    [Benchmark]
    [BenchmarkCategory(TwentyFields)]
    public int WriteTwentyFields()
    {
        _output.ResetWrittenCount();
        using var message = new MessageBuilder();
        Fill(message.InitRoot<TestAllTypes.Builder>());
        message.WriteTo(_output);
        return _output.WrittenCount;
    }

    [Benchmark]
    [BenchmarkCategory(TwentyFields)]
    public long ReadTwentyFields()
    {
        var r = Framing.ReadMessage(_smallFrame).GetRoot<TestAllTypes>();
        long sum = r.Int8Field + r.Int16Field + r.Int32Field + r.Int64Field + r.UInt8Field + r.UInt16Field + r.UInt32Field;
        sum += (long)r.UInt64Field + (long)r.Float32Field + (long)r.Float64Field + (r.BoolField ? 1 : 0) + (int)r.EnumField;
        sum += r.TextField.Length + r.DataField.Length + r.InnerField.Id + r.InnerField.Label.Length;
        sum += r.Int32List[0] + r.Int64List[1] + r.TextList[0].Length + r.StructList[1].Id;
        return sum;
    }

    private static void Fill(TestAllTypes.Builder b)
    {
        b.BoolField = true;
        b.Int8Field = -8;
        b.Int16Field = -16;
        b.Int32Field = -32;
        b.Int64Field = -64;
        b.UInt8Field = 8;
        b.UInt16Field = 16;
        b.UInt32Field = 32;
        b.UInt64Field = 64;
        b.Float32Field = 3.25f;
        b.Float64Field = 6.5;
        b.EnumField = Color.Blue;
        b.SetTextField("a short label");
        b.SetDataField([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]);
        var inner = b.InitInnerField();
        inner.Id = 7;
        inner.SetLabel("inner");
        b.InitInt32List(2).CopyFrom([1, 2]);
        b.InitInt64List(2).CopyFrom([3, 4]);
        b.InitTextList(1).Set(0, "text");
        var structs = b.InitStructList(2);
        var second = structs[1];
        second.Id = 9;
    }

    private byte[] WriteLarge()
    {
        using var message = new MessageBuilder();
        message.InitRoot<TestAllTypes.Builder>().SetDataField(_payload);
        return message.ToFramedArray();
    }

    private static byte[] WriteSmall()
    {
        using var message = new MessageBuilder();
        Fill(message.InitRoot<TestAllTypes.Builder>());
        return message.ToFramedArray();
    }
}
