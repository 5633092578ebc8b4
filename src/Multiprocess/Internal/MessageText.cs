using System.Text;
using Capnp;
using Capnp.Rpc;

namespace Multiprocess.Internal;

/// <summary>
/// The contents of a call's parameters or results for trace lines: in Cap'n Proto's text format with field names, as
/// libmultiprocess prints them (<see cref="CapnpText"/>), when the struct's schema is registered; otherwise a
/// schema-less rendering (data words in hex, texts quoted, nested structs and lists in brackets, capabilities as
/// <c>&lt;cap&gt;</c>). Cut at a length limit, like libmultiprocess's LogEscape.
/// </summary>
internal static class MessageText
{
    private const int MaxDepth = 8;

    /// <summary>A call's parameters (Call) or results (Return), read with the schema the interface's generated code
    /// registered for that method.</summary>
    public static string Describe(RpcMessageEvent message, int maxChars)
    {
        bool results = message.Kind == RpcMessageKind.Return;
        return message.HasMethod &&
               RpcSchemaRegistry.TryGetStructId(message.InterfaceId, message.MethodId, results, out var id) &&
               SchemaRegistry.TryGetStruct(id, out var schema)
            ? Describe(message.Content, schema, maxChars)
            : Describe(message.Content, maxChars);
    }

    /// <summary>A struct the schema compiler names <paramref name="schemaName"/> ("Echo.echo$Params").</summary>
    public static string Describe(AnyPointerReader pointer, string schemaName, int maxChars) =>
        SchemaRegistry.TryGetStruct(schemaName, out var schema)
            ? Describe(pointer, schema, maxChars)
            : Describe(pointer, maxChars);

    /// <summary>A struct the schema compiler names <paramref name="schemaName"/>.</summary>
    public static string Describe(StructReader value, string schemaName, int maxChars) =>
        SchemaRegistry.TryGetStruct(schemaName, out var schema)
            ? Describe(text => CapnpText.Append(text, value, schema, maxChars), maxChars)
            : Describe(value, maxChars);

    public static string Describe(AnyPointerReader pointer, int maxChars) =>
        Describe(text => Append(text, pointer, 0, maxChars), maxChars);

    public static string Describe(StructReader value, int maxChars) =>
        Describe(text => AppendStruct(text, value, 0, maxChars), maxChars);

    private static string Describe(AnyPointerReader pointer, StructSchema schema, int maxChars) =>
        pointer.Kind == PointerKind.Struct
            ? Describe(text => CapnpText.Append(text, pointer.GetStruct(), schema, maxChars), maxChars)
            : Describe(pointer, maxChars);

    private static string Describe(Action<StringBuilder> append, int maxChars)
    {
        var text = new StringBuilder();
        try
        {
            append(text);
        }
        catch (CapnpFormatException e)
        {
            text.Append("<malformed: ").Append(e.Message).Append('>');
        }

        if (text.Length > maxChars)
        {
            text.Length = maxChars;
            text.Append("...");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, AnyPointerReader pointer, int depth, int maxChars)
    {
        if (text.Length > maxChars)
            return;
        switch (pointer.Kind)
        {
            case PointerKind.Null:
                text.Append("null");
                return;
            case PointerKind.Capability:
                text.Append("<cap>");
                return;
            case PointerKind.Struct:
                AppendStruct(text, pointer.GetStruct(), depth, maxChars);
                return;
            default:
                AppendList(text, pointer, depth, maxChars);
                return;
        }
    }

    private static void AppendStruct(StringBuilder text, StructReader value, int depth, int maxChars)
    {
        text.Append('(');
        var data = value.DataSection;
        if (!data.IsEmpty)
            text.Append("data = ").Append(Convert.ToHexStringLower(data));
        for (int i = 0; i < value.PointerCount && text.Length <= maxChars; i++)
        {
            text.Append(data.IsEmpty && i == 0 ? "" : ", ").Append('#').Append(i).Append(" = ");
            if (depth >= MaxDepth)
                text.Append("...");
            else
                Append(text, value.GetPointer(i), depth + 1, maxChars);
        }

        text.Append(')');
    }

    private static void AppendList(StringBuilder text, AnyPointerReader pointer, int depth, int maxChars)
    {
        // Without the schema the element size is found by asking for each in turn.
        foreach (var size in new[] { ElementSize.Byte, ElementSize.Pointer, ElementSize.InlineComposite })
        {
            ListReader list;
            try
            {
                list = pointer.GetList(size);
            }
            catch (CapnpFormatException)
            {
                continue;
            }

            if (size == ElementSize.Byte)
            {
                var bytes = list.RawBytes;
                if (bytes.Length > 0 && bytes[^1] == 0 && !bytes[..^1].Contains((byte)0))
                    text.Append('"').Append(Encoding.UTF8.GetString(bytes[..^1])).Append('"');
                else
                    text.Append("0x").Append(Convert.ToHexStringLower(bytes));
                return;
            }

            text.Append('[');
            for (int i = 0; i < list.Count && text.Length <= maxChars; i++)
            {
                if (i > 0)
                    text.Append(", ");
                if (size == ElementSize.Pointer)
                    Append(text, list.GetPointer(i), depth + 1, maxChars);
                else
                    AppendStruct(text, list.GetStruct(i), depth + 1, maxChars);
            }

            text.Append(']');
            return;
        }

        text.Append("[...]");
    }
}
