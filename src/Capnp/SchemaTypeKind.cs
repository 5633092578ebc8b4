namespace Capnp;

/// <summary>The kinds of type a schema field or list element has (schema.capnp's <c>Type</c> union).</summary>
public enum SchemaTypeKind : byte
{
    /// <summary>Void: no value.</summary>
    Void,

    /// <summary>Bool, one bit.</summary>
    Bool,

    /// <summary>Int8.</summary>
    Int8,

    /// <summary>Int16.</summary>
    Int16,

    /// <summary>Int32.</summary>
    Int32,

    /// <summary>Int64.</summary>
    Int64,

    /// <summary>UInt8.</summary>
    UInt8,

    /// <summary>UInt16.</summary>
    UInt16,

    /// <summary>UInt32.</summary>
    UInt32,

    /// <summary>UInt64.</summary>
    UInt64,

    /// <summary>Float32.</summary>
    Float32,

    /// <summary>Float64.</summary>
    Float64,

    /// <summary>Text: UTF-8 with a NUL terminator.</summary>
    Text,

    /// <summary>Data: bytes.</summary>
    Data,

    /// <summary>A list of <see cref="TypeSchema.ElementType"/>.</summary>
    List,

    /// <summary>An enum (16 bits), named by <see cref="TypeSchema.Id"/>.</summary>
    Enum,

    /// <summary>A struct, named by <see cref="TypeSchema.Id"/>.</summary>
    Struct,

    /// <summary>A capability of the interface <see cref="TypeSchema.Id"/>.</summary>
    Interface,

    /// <summary>AnyPointer (also a generic parameter): its content is not described.</summary>
    AnyPointer,
}
