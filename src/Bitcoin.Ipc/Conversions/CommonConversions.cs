using Bitcoin.Interfaces;
using Capnp;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Conversions;

/// <summary>Core's common types: <c>BilingualStr</c>, lists of them, and text pairs.</summary>
internal static class CommonConversions
{
    public static void Write(BilingualString value, M.BilingualStr.Builder output)
    {
        output.SetOriginal(value.Original);
        output.SetTranslated(value.Translated);
    }

    public static BilingualString Read(M.BilingualStr input) => new(input.Original, input.Translated);

    /// <summary>An optional message: null when the peer did not set it.</summary>
    public static BilingualString? ReadOptional(M.BilingualStr input, bool isSet) => isSet ? Read(input) : null;

    public static void Write(IReadOnlyList<BilingualString> values, StructListBuilder<M.BilingualStr.Builder> output)
    {
        for (var i = 0; i < values.Count; i++) Write(values[i], output[i]);
    }

    public static IReadOnlyList<BilingualString> Read(StructListReader<M.BilingualStr> input)
    {
        var result = new BilingualString[input.Count];
        for (var i = 0; i < result.Length; i++) result[i] = Read(input[i]);
        return result;
    }

    public static void WriteTextPairs(IReadOnlyList<KeyValuePair<string, string>> pairs, StructListBuilder<M.Pair.Builder> output)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            output[i].Key.SetText(pairs[i].Key);
            output[i].Value.SetText(pairs[i].Value);
        }
    }

    public static IReadOnlyList<KeyValuePair<string, string>> ReadTextPairs(StructListReader<M.Pair> input)
    {
        var result = new KeyValuePair<string, string>[input.Count];
        for (var i = 0; i < result.Length; i++) result[i] = new(input[i].Key.GetText(), input[i].Value.GetText());
        return result;
    }

    /// <summary>An enum received as Int32: only Core's defined values are accepted.</summary>
    public static T ToEnum<T>(int value, string what)
        where T : struct, Enum
    {
        var result = (T)Enum.ToObject(typeof(T), value);
        if (!Enum.IsDefined(result)) throw new IpcFormatException($"{value} is not a valid {what}.");
        return result;
    }
}
