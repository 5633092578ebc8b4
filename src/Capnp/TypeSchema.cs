namespace Capnp;

/// <summary>The type of a field or list element, as a schema declares it: a primitive, a blob, a list of another
/// type, or an enum, struct or interface named by its 64-bit id (looked up in <see cref="SchemaRegistry"/>).</summary>
public sealed class TypeSchema
{
    private static readonly TypeSchema[] Primitives = Enumerable.Range(0, (int)SchemaTypeKind.AnyPointer + 1)
        .Select(kind => new TypeSchema((SchemaTypeKind)kind, 0, null))
        .ToArray();

    private TypeSchema(SchemaTypeKind kind, ulong id, TypeSchema? elementType, BrandScope[]? brand = null,
        ushort parameterIndex = 0)
    {
        Kind = kind;
        Id = id;
        ElementType = elementType;
        Brand = brand is { Length: > 0 } ? brand : null;
        ParameterIndex = parameterIndex;
    }

    /// <summary>The kind of type.</summary>
    public SchemaTypeKind Kind { get; }

    /// <summary>The type id of an enum, struct or interface; for a generic parameter, the id of the generic type
    /// that declares it; 0 otherwise.</summary>
    public ulong Id { get; }

    /// <summary>For a struct of a generic type, the types bound to its parameters (and its enclosing types'); null
    /// when it binds none.</summary>
    public IReadOnlyList<BrandScope>? Brand { get; }

    /// <summary>True for a generic parameter (an AnyPointer whose type the enclosing value's brand binds).</summary>
    public bool IsParameter => Kind == SchemaTypeKind.AnyPointer && Id != 0;

    /// <summary>A generic parameter's index among its type's parameters.</summary>
    public ushort ParameterIndex { get; }

    /// <summary>The element type of a list; null otherwise.</summary>
    public TypeSchema? ElementType { get; }

    /// <summary>Void.</summary>
    public static TypeSchema Void => Primitives[(int)SchemaTypeKind.Void];

    /// <summary>Bool.</summary>
    public static TypeSchema Bool => Primitives[(int)SchemaTypeKind.Bool];

    /// <summary>Int8.</summary>
    public static TypeSchema Int8 => Primitives[(int)SchemaTypeKind.Int8];

    /// <summary>Int16.</summary>
    public static TypeSchema Int16 => Primitives[(int)SchemaTypeKind.Int16];

    /// <summary>Int32.</summary>
    public static TypeSchema Int32 => Primitives[(int)SchemaTypeKind.Int32];

    /// <summary>Int64.</summary>
    public static TypeSchema Int64 => Primitives[(int)SchemaTypeKind.Int64];

    /// <summary>UInt8.</summary>
    public static TypeSchema UInt8 => Primitives[(int)SchemaTypeKind.UInt8];

    /// <summary>UInt16.</summary>
    public static TypeSchema UInt16 => Primitives[(int)SchemaTypeKind.UInt16];

    /// <summary>UInt32.</summary>
    public static TypeSchema UInt32 => Primitives[(int)SchemaTypeKind.UInt32];

    /// <summary>UInt64.</summary>
    public static TypeSchema UInt64 => Primitives[(int)SchemaTypeKind.UInt64];

    /// <summary>Float32.</summary>
    public static TypeSchema Float32 => Primitives[(int)SchemaTypeKind.Float32];

    /// <summary>Float64.</summary>
    public static TypeSchema Float64 => Primitives[(int)SchemaTypeKind.Float64];

    /// <summary>Text.</summary>
    public static TypeSchema Text => Primitives[(int)SchemaTypeKind.Text];

    /// <summary>Data.</summary>
    public static TypeSchema Data => Primitives[(int)SchemaTypeKind.Data];

    /// <summary>AnyPointer (or a generic parameter).</summary>
    public static TypeSchema AnyPointer => Primitives[(int)SchemaTypeKind.AnyPointer];

    /// <summary>A list of <paramref name="elementType"/>.</summary>
    public static TypeSchema List(TypeSchema elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        return new TypeSchema(SchemaTypeKind.List, 0, elementType);
    }

    /// <summary>The enum with type id <paramref name="id"/>.</summary>
    public static TypeSchema Enum(ulong id) => new(SchemaTypeKind.Enum, id, null);

    /// <summary>The struct with type id <paramref name="id"/>, with the types <paramref name="brand"/> binds to its
    /// generic parameters.</summary>
    public static TypeSchema Struct(ulong id, params BrandScope[] brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        return new(SchemaTypeKind.Struct, id, null, brand);
    }

    /// <summary>Parameter <paramref name="index"/> of the generic type <paramref name="scopeId"/>.</summary>
    public static TypeSchema Parameter(ulong scopeId, ushort index)
    {
        if (scopeId == 0)
            throw new ArgumentOutOfRangeException(nameof(scopeId), "A generic parameter needs its type's id.");
        return new(SchemaTypeKind.AnyPointer, scopeId, null, null, index);
    }

    /// <summary>The interface with type id <paramref name="id"/>.</summary>
    public static TypeSchema Interface(ulong id) => new(SchemaTypeKind.Interface, id, null);

    /// <summary>True for the kinds stored in the pointer section.</summary>
    public bool IsPointer => Kind is SchemaTypeKind.Text or SchemaTypeKind.Data or SchemaTypeKind.List or
        SchemaTypeKind.Struct or SchemaTypeKind.Interface or SchemaTypeKind.AnyPointer;

    /// <summary>How a list of this type lays out its elements.</summary>
    public ElementSize ListElementSize => Kind switch
    {
        SchemaTypeKind.Void => ElementSize.Empty,
        SchemaTypeKind.Bool => ElementSize.Bit,
        SchemaTypeKind.Int8 or SchemaTypeKind.UInt8 => ElementSize.Byte,
        SchemaTypeKind.Int16 or SchemaTypeKind.UInt16 or SchemaTypeKind.Enum => ElementSize.TwoBytes,
        SchemaTypeKind.Int32 or SchemaTypeKind.UInt32 or SchemaTypeKind.Float32 => ElementSize.FourBytes,
        SchemaTypeKind.Int64 or SchemaTypeKind.UInt64 or SchemaTypeKind.Float64 => ElementSize.EightBytes,
        SchemaTypeKind.Struct => ElementSize.InlineComposite,
        _ => ElementSize.Pointer,
    };
}
