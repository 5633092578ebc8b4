using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>The C# types generated code uses for schema types.</summary>
internal sealed class TypeMapper(SchemaModel model)
{
    public const string Rt = "global::Capnp.";

    /// <summary>The C# type of a primitive (numbers and Bool).</summary>
    public static string? Primitive(TypeKind kind) => kind switch
    {
        TypeKind.Bool => "bool",
        TypeKind.Int8 => "sbyte",
        TypeKind.Int16 => "short",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "long",
        TypeKind.UInt8 => "byte",
        TypeKind.UInt16 => "ushort",
        TypeKind.UInt32 => "uint",
        TypeKind.UInt64 => "ulong",
        TypeKind.Float32 => "float",
        TypeKind.Float64 => "double",
        _ => null,
    };

    /// <summary>The name of the StructReader/StructBuilder accessor suffix for a primitive ("Int32", "Float64").</summary>
    public static string AccessorSuffix(TypeKind kind) => kind switch
    {
        TypeKind.Bool => "Bool",
        TypeKind.Int8 => "Int8",
        TypeKind.Int16 => "Int16",
        TypeKind.Int32 => "Int32",
        TypeKind.Int64 => "Int64",
        TypeKind.UInt8 => "UInt8",
        TypeKind.UInt16 => "UInt16",
        TypeKind.UInt32 => "UInt32",
        TypeKind.UInt64 => "UInt64",
        TypeKind.Float32 => "Float32",
        TypeKind.Float64 => "Float64",
        TypeKind.Enum => "UInt16",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>True for types stored in the pointer section.</summary>
    public static bool IsPointer(TypeKind kind) =>
        kind is TypeKind.Text or TypeKind.Data or TypeKind.List or TypeKind.Struct or TypeKind.Interface or TypeKind.AnyPointer;

    /// <summary>The reader-side C# type of a value of <paramref name="type"/>.</summary>
    public string Reader(SchemaType type) => type.Kind switch
    {
        TypeKind.Void => "global::System.ValueTuple",
        TypeKind.Text => Rt + "Text",
        TypeKind.Data => "global::System.ReadOnlyMemory<byte>",
        TypeKind.Enum => model.Type(type.TypeId).FullName,
        TypeKind.Struct => model.Type(type.TypeId).FullName,
        TypeKind.Interface => model.Type(type.TypeId).FullName + ".Client",
        TypeKind.AnyPointer => Rt + "AnyPointerReader",
        TypeKind.List => ListReader(type.ElementType),
        _ => Primitive(type.Kind)!,
    };

    /// <summary>The builder-side C# type of <paramref name="type"/> (as a field of a builder).</summary>
    public string Builder(SchemaType type) => type.Kind switch
    {
        TypeKind.Struct => model.Type(type.TypeId).FullName + ".Builder",
        TypeKind.AnyPointer => Rt + "AnyPointerBuilder",
        TypeKind.List => ListBuilder(type.ElementType),
        _ => Reader(type),
    };

    /// <summary>The element size a list of <paramref name="element"/> is read as.</summary>
    public static string ElementSizeOf(SchemaType element) => Rt + "ElementSize." + element.Kind switch
    {
        TypeKind.Void => "Empty",
        TypeKind.Bool => "Bit",
        TypeKind.Int8 or TypeKind.UInt8 => "Byte",
        TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Enum => "TwoBytes",
        TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Float32 => "FourBytes",
        TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Float64 => "EightBytes",
        TypeKind.Struct => "InlineComposite",
        _ => "Pointer",
    };

    private string ListReader(SchemaType element) => element.Kind switch
    {
        TypeKind.Void => Rt + "VoidListReader",
        TypeKind.Bool => Rt + "BoolListReader",
        TypeKind.Text => Rt + "TextListReader",
        TypeKind.Data => Rt + "DataListReader",
        TypeKind.Enum => $"{Rt}EnumListReader<{Reader(element)}>",
        TypeKind.Struct => $"{Rt}StructListReader<{Reader(element)}>",
        TypeKind.Interface => $"{Rt}CapabilityListReader<{Reader(element)}>",
        TypeKind.List => $"{Rt}ListOfListsReader<{ListReader(element.ElementType)}>",
        TypeKind.AnyPointer => throw new NotSupportedException("List(AnyPointer) is not a valid Cap'n Proto type."),
        _ => $"{Rt}PrimitiveListReader<{Primitive(element.Kind)}>",
    };

    private string ListBuilder(SchemaType element) => element.Kind switch
    {
        TypeKind.Void => Rt + "VoidListBuilder",
        TypeKind.Bool => Rt + "BoolListBuilder",
        TypeKind.Text => Rt + "TextListBuilder",
        TypeKind.Data => Rt + "DataListBuilder",
        TypeKind.Enum => $"{Rt}EnumListBuilder<{Reader(element)}>",
        TypeKind.Struct => $"{Rt}StructListBuilder<{Builder(element)}>",
        TypeKind.Interface => $"{Rt}CapabilityListBuilder<{Reader(element)}>",
        TypeKind.List => $"{Rt}ListOfListsBuilder<{ListBuilder(element.ElementType)}>",
        TypeKind.AnyPointer => throw new NotSupportedException("List(AnyPointer) is not a valid Cap'n Proto type."),
        _ => $"{Rt}PrimitiveListBuilder<{Primitive(element.Kind)}>",
    };
}
