using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Node.Net.Protocol;

/// <summary>
/// Walks a transaction or block in its wire form the way Core's deserializer reads it, only to refuse what Core
/// refuses and NBitcoin's reader lets through: a CompactSize that is not in its shortest form ("non-canonical
/// ReadCompactSize()") or that announces more than 32 MiB ("ReadCompactSize(): size too large"). Decoding itself is
/// left to NBitcoin once the walk has passed. Errors throw <see cref="SerializationException"/> with Core's message,
/// at the first place Core's reader would fail.
/// </summary>
internal static class WireFormatCheck
{
    private const int OutPointSize = 32 + 4;
    private const byte WitnessFlag = 1;

    /// <summary>Walks a block: the 80-byte header, the transaction count and every transaction (with witness).</summary>
    public static void SkipBlock(ref SpanReader reader)
    {
        reader.Skip(WireSerialization.HeaderSize);
        ulong count = reader.ReadCompactSize();
        for (ulong i = 0; i < count; i++)
            SkipTransaction(ref reader);
    }

    /// <summary>Walks one transaction, BIP144 witness serialization allowed (Core's UnserializeTransaction).</summary>
    public static void SkipTransaction(ref SpanReader reader)
    {
        reader.Skip(4); // version
        ulong inputs = reader.ReadCompactSize();
        byte flags = 0;
        if (inputs == 0)
        {
            // An empty input list is the witness marker; the flag byte follows, then the real lists.
            flags = reader.ReadByte();
            if (flags != 0)
            {
                inputs = SkipInputs(ref reader);
                SkipOutputs(ref reader);
            }
        }
        else
        {
            SkipInputsAfterCount(ref reader, inputs);
            SkipOutputs(ref reader);
        }

        if ((flags & WitnessFlag) != 0)
        {
            flags ^= WitnessFlag;
            bool anyWitness = false;
            for (ulong i = 0; i < inputs; i++)
            {
                ulong items = reader.ReadCompactSize();
                anyWitness |= items != 0;
                for (ulong j = 0; j < items; j++)
                    SkipVarBytes(ref reader);
            }

            if (!anyWitness)
                throw new SerializationException("Superfluous witness record");
        }

        if (flags != 0)
            throw new SerializationException("Unknown transaction optional data");
        reader.Skip(4); // lock time
    }

    private static ulong SkipInputs(ref SpanReader reader)
    {
        ulong count = reader.ReadCompactSize();
        SkipInputsAfterCount(ref reader, count);
        return count;
    }

    private static void SkipInputsAfterCount(ref SpanReader reader, ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            reader.Skip(OutPointSize);
            SkipVarBytes(ref reader); // scriptSig
            reader.Skip(4); // sequence
        }
    }

    private static void SkipOutputs(ref SpanReader reader)
    {
        ulong count = reader.ReadCompactSize();
        for (ulong i = 0; i < count; i++)
        {
            reader.Skip(8); // value
            SkipVarBytes(ref reader); // scriptPubKey
        }
    }

    private static void SkipVarBytes(ref SpanReader reader) => reader.Skip((int)reader.ReadCompactSize());
}
