using System.Globalization;
using System.Text;

namespace Capnp.Internal;

/// <summary>
/// Writes values in Cap'n Proto's text format the way the C++ library's <c>kj::str(reader)</c> does: every field
/// that is not a null pointer, in schema order, with only the active union member (and that one only when it is
/// not the first member holding a null pointer); texts and data C-escaped in quotes; capabilities as
/// <c>&lt;external capability&gt;</c>. Stops adding once the text passes <c>maxChars</c> and prints <c>...</c> for
/// what lies deeper than <c>maxDepth</c>.
/// </summary>
internal sealed class TextPrinter(StringBuilder text, int maxChars, int maxDepth)
{
    private const string Capability = "<external capability>";

    private bool Full => text.Length > maxChars;

    public void Struct(StructReader value, StructSchema schema, int depth) => Struct(value, schema, depth, null);

    // brand: the types bound to the generic parameters in scope (already resolved), null when none are.
    private void Struct(StructReader value, StructSchema schema, int depth, IReadOnlyList<BrandScope>? brand)
    {
        if (depth > maxDepth)
        {
            text.Append("...");
            return;
        }

        text.Append('(');
        var fields = schema.Fields;
        FieldSchema? active = null;
        int activeIndex = -1;
        if (schema.HasUnion)
        {
            ushort discriminant = value.ReadUInt16((int)schema.DiscriminantOffset);
            for (int i = 0; i < fields.Count; i++)
            {
                if (fields[i].DiscriminantValue == discriminant)
                {
                    // The first member is the union's default: printed only when it holds something.
                    if (discriminant != 0 || Has(value, fields[i]))
                    {
                        active = fields[i];
                        activeIndex = i;
                    }

                    break;
                }
            }
        }

        bool first = true;
        for (int i = 0; i < fields.Count && !Full; i++)
        {
            var field = fields[i];
            if (field.IsUnionMember)
                continue;
            if (active is not null && activeIndex < i)
            {
                Field(value, active, depth, brand, ref first);
                active = null;
            }

            if (Has(value, field))
                Field(value, field, depth, brand, ref first);
        }

        if (active is not null && !Full)
            Field(value, active, depth, brand, ref first);
        text.Append(')');
    }

    public void List(ListReader list, TypeSchema elementType, int depth)
    {
        if (depth > maxDepth)
        {
            text.Append("...");
            return;
        }

        text.Append('[');
        for (int i = 0; i < list.Count && !Full; i++)
        {
            if (i > 0)
                text.Append(", ");
            Element(list, i, Resolve(elementType, null), depth);
        }

        text.Append(']');
    }

    // Primitives, Void and groups are always present; a pointer when it is not null.
    private static bool Has(StructReader value, FieldSchema field) =>
        field.IsGroup || !field.Type.IsPointer || value.HasPointer((int)field.Offset);

    private void Field(StructReader value, FieldSchema field, int depth, IReadOnlyList<BrandScope>? brand, ref bool first)
    {
        if (!first)
            text.Append(", ");
        first = false;
        text.Append(field.Name).Append(" = ");
        if (field.IsGroup)
        {
            // A group reads its parent's sections and sees its parent's generic parameters.
            Struct(value, Lookup(field.GroupId, out var group) ? group! : Missing(field.GroupId), depth + 1, brand);
            return;
        }

        Slot(value, field, Resolve(field.Type, brand), depth);
    }

    /// <summary>The concrete type of <paramref name="type"/> where <paramref name="brand"/> binds the generic
    /// parameters in scope: a bound parameter becomes its binding, an unbound one AnyPointer, and a generic struct's
    /// own brand is resolved in turn.</summary>
    private static TypeSchema Resolve(TypeSchema type, IReadOnlyList<BrandScope>? brand)
    {
        if (type.IsParameter)
        {
            var bindings = Find(brand, type.Id)?.Bindings;
            return bindings is not null && type.ParameterIndex < bindings.Count ? bindings[type.ParameterIndex] : TypeSchema.AnyPointer;
        }

        if (type.Kind == SchemaTypeKind.List)
        {
            var element = Resolve(type.ElementType!, brand);
            return ReferenceEquals(element, type.ElementType) ? type : TypeSchema.List(element);
        }

        if (type.Kind != SchemaTypeKind.Struct || type.Brand is not { } own)
            return type;
        var scopes = new BrandScope[own.Count];
        for (int i = 0; i < scopes.Length; i++)
        {
            var scope = own[i];
            scopes[i] = scope.Bindings is { } bound
                ? BrandScope.Bind(scope.ScopeId, [.. bound.Select(b => Resolve(b, brand))])
                : Find(brand, scope.ScopeId) ?? BrandScope.Bind(scope.ScopeId);
        }

        return TypeSchema.Struct(type.Id, scopes);
    }

    private static BrandScope? Find(IReadOnlyList<BrandScope>? brand, ulong scopeId)
    {
        if (brand is null)
            return null;
        foreach (var scope in brand)
        {
            if (scope.ScopeId == scopeId)
                return scope;
        }

        return null;
    }

    // type: the field's concrete type (generic parameters resolved).
    private void Slot(StructReader value, FieldSchema field, TypeSchema type, int depth)
    {
        int offset = (int)field.Offset;
        ulong bits = field.DefaultBits;
        switch (type.Kind)
        {
            case SchemaTypeKind.Void:
                text.Append("void");
                break;
            case SchemaTypeKind.Bool:
                text.Append(value.ReadBool(offset, bits != 0) ? "true" : "false");
                break;
            case SchemaTypeKind.Int8:
                Append(value.ReadInt8(offset, (sbyte)bits));
                break;
            case SchemaTypeKind.Int16:
                Append(value.ReadInt16(offset, (short)bits));
                break;
            case SchemaTypeKind.Int32:
                Append(value.ReadInt32(offset, (int)bits));
                break;
            case SchemaTypeKind.Int64:
                Append(value.ReadInt64(offset, (long)bits));
                break;
            case SchemaTypeKind.UInt8:
                Append(value.ReadUInt8(offset, (byte)bits));
                break;
            case SchemaTypeKind.UInt16:
                Append(value.ReadUInt16(offset, (ushort)bits));
                break;
            case SchemaTypeKind.UInt32:
                Append(value.ReadUInt32(offset, (uint)bits));
                break;
            case SchemaTypeKind.UInt64:
                Append(value.ReadUInt64(offset, bits));
                break;
            case SchemaTypeKind.Float32:
                text.Append(KjNumbers.Float32(BitConverter.UInt32BitsToSingle(value.ReadUInt32(offset, (uint)bits))));
                break;
            case SchemaTypeKind.Float64:
                text.Append(KjNumbers.Float64(BitConverter.UInt64BitsToDouble(value.ReadUInt64(offset, bits))));
                break;
            case SchemaTypeKind.Enum:
                Enum(value.ReadUInt16(offset, (ushort)bits), type.Id);
                break;
            case SchemaTypeKind.Text:
                Quoted(value.ReadText(offset).Span, binary: false);
                break;
            case SchemaTypeKind.Data:
                Quoted(value.ReadData(offset).Span, binary: true);
                break;
            case SchemaTypeKind.Struct:
                Struct(value.ReadStruct(offset), type, depth + 1);
                break;
            case SchemaTypeKind.List:
                List(value.ReadList(offset, type.ElementType!.ListElementSize), type.ElementType, depth + 1);
                break;
            case SchemaTypeKind.Interface:
                text.Append(Capability);
                break;
            default:
                text.Append("<opaque pointer>");
                break;
        }
    }

    private void Element(ListReader list, int index, TypeSchema type, int depth)
    {
        switch (type.Kind)
        {
            case SchemaTypeKind.Void:
                text.Append("void");
                break;
            case SchemaTypeKind.Bool:
                text.Append(list.GetBool(index) ? "true" : "false");
                break;
            case SchemaTypeKind.Int8:
                Append(list.Get<sbyte>(index));
                break;
            case SchemaTypeKind.Int16:
                Append(list.Get<short>(index));
                break;
            case SchemaTypeKind.Int32:
                Append(list.Get<int>(index));
                break;
            case SchemaTypeKind.Int64:
                Append(list.Get<long>(index));
                break;
            case SchemaTypeKind.UInt8:
                Append(list.Get<byte>(index));
                break;
            case SchemaTypeKind.UInt16:
                Append(list.Get<ushort>(index));
                break;
            case SchemaTypeKind.UInt32:
                Append(list.Get<uint>(index));
                break;
            case SchemaTypeKind.UInt64:
                Append(list.Get<ulong>(index));
                break;
            case SchemaTypeKind.Float32:
                text.Append(KjNumbers.Float32(list.Get<float>(index)));
                break;
            case SchemaTypeKind.Float64:
                text.Append(KjNumbers.Float64(list.Get<double>(index)));
                break;
            case SchemaTypeKind.Enum:
                Enum(list.Get<ushort>(index), type.Id);
                break;
            case SchemaTypeKind.Text:
                Quoted(list.GetText(index).Span, binary: false);
                break;
            case SchemaTypeKind.Data:
                Quoted(list.GetData(index).Span, binary: true);
                break;
            case SchemaTypeKind.Struct:
                Struct(list.GetStruct(index), type, depth + 1);
                break;
            case SchemaTypeKind.List:
                List(list.GetList(index, type.ElementType!.ListElementSize), type.ElementType, depth + 1);
                break;
            case SchemaTypeKind.Interface:
                text.Append(Capability);
                break;
            default:
                text.Append("<opaque pointer>");
                break;
        }
    }

    private void Struct(StructReader value, TypeSchema type, int depth)
    {
        if (Lookup(type.Id, out var schema))
            Struct(value, schema!, depth, type.Brand);
        else
            text.Append("<struct 0x").Append(type.Id.ToString("x16", CultureInfo.InvariantCulture)).Append(" not registered>");
    }

    private static bool Lookup(ulong typeId, out StructSchema? schema) => SchemaRegistry.TryGetStruct(typeId, out schema);

    // A group whose node is missing from the registry prints as empty rather than failing the whole line.
    private static StructSchema Missing(ulong id) => new(id, "", 0, []);

    private void Enum(ushort value, ulong typeId)
    {
        if (SchemaRegistry.TryGetEnum(typeId, out var schema) && value < schema.Enumerants.Count)
            text.Append(schema.Enumerants[value]);
        else
            text.Append('(').Append(value.ToString(CultureInfo.InvariantCulture)).Append(')');
    }

    private void Append<T>(T number)
        where T : IFormattable =>
        text.Append(number.ToString(null, CultureInfo.InvariantCulture));

    // kj::encodeCEscape: the usual C escapes, octal for other control bytes (and, for Data, every byte past ASCII);
    // Text's other bytes pass through as UTF-8. Stops once the text is past maxChars: the caller cuts there, and a
    // whole block in a trace line would otherwise be escaped byte by byte only to be thrown away.
    private void Quoted(ReadOnlySpan<byte> bytes, bool binary)
    {
        text.Append('"');
        int run = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (Full)
                return;
            byte b = bytes[i];
            string? escape = b switch
            {
                (byte)'\a' => "\\a",
                (byte)'\b' => "\\b",
                (byte)'\f' => "\\f",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                (byte)'\v' => "\\v",
                (byte)'\'' => "\\'",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                _ => null,
            };
            bool octal = escape is null && (b < 0x20 || b == 0x7f || (binary && b > 0x7f));
            if (escape is null && !octal)
                continue;
            text.Append(Encoding.UTF8.GetString(bytes.Slice(run, i - run)));
            run = i + 1;
            if (escape is not null)
                text.Append(escape);
            else
                text.Append('\\').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7)));
        }

        text.Append(Encoding.UTF8.GetString(bytes[run..])).Append('"');
    }
}
