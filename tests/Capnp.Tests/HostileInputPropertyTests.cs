using System.Buffers.Binary;
using System.IO.Pipelines;
using Capnp.Tests.Schema;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>
/// Property: whatever bytes arrive, reading them (framing, packing, every pointer through the untyped and the
/// generated readers, deep copies, the pipe reader) either works or raises CapnpFormatException: never another
/// exception, never a crash. Seeded, so a failure names the case that reproduces it.
/// </summary>
public sealed class HostileInputPropertyTests
{
    private static readonly ReaderOptions Options = new() { TraversalLimitInWords = 1 << 16 };

    private static readonly byte[][] Seeds = LoadSeeds();

    [Fact]
    public void MutatedMessagesOnlyRaiseFormatErrors()
    {
        var random = new Random(20260801);
        for (int i = 0; i < 10000; i++)
        {
            var bytes = (byte[])Seeds[random.Next(Seeds.Length)].Clone();
            int mutations = 1 + random.Next(6);
            for (int m = 0; m < mutations; m++)
                Mutate(bytes, random);
            Probe(bytes, $"mutated case {i}");
        }
    }

    [Fact]
    public void TruncatedMessagesOnlyRaiseFormatErrors()
    {
        var random = new Random(7);
        for (int i = 0; i < 1500; i++)
        {
            var seed = Seeds[random.Next(Seeds.Length)];
            Probe(seed.AsSpan(0, random.Next(seed.Length)).ToArray(), $"truncated case {i}");
        }
    }

    [Fact]
    public void RandomBytesOnlyRaiseFormatErrors()
    {
        var random = new Random(42);
        for (int i = 0; i < 1500; i++)
        {
            var bytes = new byte[8 + random.Next(512)];
            random.NextBytes(bytes);

            // Mostly plausible tables, so that the pointers behind them get read too.
            if (random.Next(4) != 0)
            {
                int segments = 1 + random.Next(3);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)(segments - 1));
                for (int s = 0; s < segments && 4 + (4 * (s + 1)) <= bytes.Length; s++)
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 + (4 * s)), (uint)random.Next(bytes.Length / 8 / segments + 1));
            }

            Probe(bytes, $"random case {i}");
        }
    }

    [Fact]
    public void MutatedPackedInputOnlyRaisesFormatErrors()
    {
        var random = new Random(99);
        for (int i = 0; i < 1500; i++)
        {
            var packed = Packing.Pack(Seeds[random.Next(Seeds.Length)]);
            for (int m = 0; m < 1 + random.Next(4); m++)
                packed[random.Next(packed.Length)] = (byte)random.Next(256);
            if (random.Next(3) == 0)
                packed = packed.AsSpan(0, random.Next(packed.Length)).ToArray();
            Expect(() =>
            {
                var message = Framing.ReadPackedMessage(packed, out _, Options);
                Read(message);
            }, $"packed case {i}");
            Expect(() => Packing.Unpack(packed, 1 << 20), $"unpack case {i}");
        }
    }

    [Fact]
    public async Task MutatedStreamsThroughThePipeReaderOnlyRaiseFormatErrors()
    {
        var random = new Random(5);
        for (int i = 0; i < 300; i++)
        {
            var stream = new List<byte>();
            for (int n = 0; n < 1 + random.Next(3); n++)
                stream.AddRange(Seeds[random.Next(Seeds.Length)]);
            var bytes = stream.ToArray();
            for (int m = 0; m < random.Next(4); m++)
                Mutate(bytes, random);
            bool packed = random.Next(2) == 0;
            if (packed)
                bytes = Packing.Pack(bytes.AsSpan(0, bytes.Length / 8 * 8));

            var pipe = new Pipe();
            for (int at = 0; at < bytes.Length;)
            {
                int chunk = Math.Min(bytes.Length - at, 1 + random.Next(64));
                await pipe.Writer.WriteAsync(bytes.AsMemory(at, chunk));
                at += chunk;
            }

            await pipe.Writer.CompleteAsync();
            var reader = new PipeMessageReader(pipe.Reader, Options, packed);
            try
            {
                while (await reader.ReadMessageAsync() is { } message)
                {
                    using (message)
                        Read(message);
                }
            }
            catch (CapnpFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"stream case {i}: {e}");
            }
        }
    }

    private static void Probe(byte[] bytes, string what)
    {
        Expect(() => Read(Framing.ReadMessage(bytes, out _, Options)), what);
        Expect(() =>
        {
            if (Framing.TryReadMessage(new System.Buffers.ReadOnlySequence<byte>(bytes), out var message, out _, Options))
                Read(message);
        }, what);
    }

    private static void Read(MessageReader message)
    {
        Expect(() => Walker.Walk(message.Root));
        Expect(() => TouchAll(message.GetRoot<TestAllTypes>(), 3));
        Expect(() =>
        {
            using var copy = new MessageBuilder();
            copy.Root.SetFrom(message.Root);
        });
    }

    private static void Expect(Action action, string? what = null)
    {
        try
        {
            action();
        }
        catch (CapnpFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what ?? "probe"}: {e}");
        }
    }

    private static long TouchAll(TestAllTypes r, int depth)
    {
        // Unchecked: the point is to read every value, not to add them up meaningfully.
        unchecked
        {
            long sum = r.Int64Field + r.Int32Field + (long)r.UInt64Field + (r.BoolField ? 1 : 0) + r.Int8Field + r.UInt16Field;
            sum += (long)r.Float64Field + (long)r.Float32Field + (int)r.EnumField;
            sum += r.TextField.Length + r.DataField.Length + r.InnerField.Label.Length + r.InnerField.Id;
            sum += r.VoidList.Count + r.BoolList.Count(b => b) + r.EnumList.Count + r.UInt64List.Count;
            sum += Total(r.Int8List) + Total(r.Int16List) + Total(r.Int32List) + Total(r.Int64List) + Total(r.UInt8List);
            sum += Total(r.UInt16List) + Total(r.UInt32List) + Total(r.Float32List) + Total(r.Float64List);
            foreach (var t in r.TextList)
                sum += t.Length;
            foreach (var d in r.DataList)
                sum += d.Length;
            foreach (var s in r.StructList)
                sum += s.Id + s.Label.Length;
            foreach (var l in r.Int32ListList)
                sum += Total(l);
            foreach (var l in r.TextListList)
            {
                foreach (var t in l)
                    sum += t.Length;
            }

            sum += r.AnyField.IsNull ? 0 : 1;
            if (depth > 0)
                sum += TouchAll(r.StructField, depth - 1);
            return sum;
        }
    }

    private static long Total<T>(PrimitiveListReader<T> list)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        long sum = 0;
        foreach (var x in list)
            sum = unchecked(sum + long.CreateSaturating(x));
        return sum;
    }

    private static void Mutate(byte[] bytes, Random random)
    {
        if (bytes.Length < 8)
            return;
        switch (random.Next(3))
        {
            case 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                break;
            default:
                // A plausible pointer of a random kind in a random word.
                int word = random.Next(bytes.Length / 8) * 8;
                uint low = (uint)random.Next(4) | (uint)(random.Next(-8, 16) << 2);
                ulong pointer = low | ((ulong)(uint)random.Next(1 << 16) << 32) | ((ulong)(uint)random.Next(1 << 4) << 48);
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(word), pointer);
                break;
        }
    }

    private static byte[][] LoadSeeds()
    {
        var seeds = Directory.EnumerateFiles(Vectors.Directory, "*.bin")
            .Where(f => !f.EndsWith(".packed.bin", StringComparison.Ordinal))
            .Order()
            .Select(File.ReadAllBytes)
            .ToList();
        using var builder = new MessageBuilder(firstSegmentWords: 4);
        Vectors.BuildFull(builder.InitRoot<TestAllTypes.Builder>());
        seeds.Add(builder.ToFramedArray());
        return [.. seeds];
    }
}
