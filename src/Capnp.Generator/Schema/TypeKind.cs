namespace Capnp.Generator.Schema;

/// <summary>The kinds of schema.capnp Type (its union).</summary>
internal enum TypeKind : ushort
{
    Void = 0,
    Bool = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    UInt8 = 6,
    UInt16 = 7,
    UInt32 = 8,
    UInt64 = 9,
    Float32 = 10,
    Float64 = 11,
    Text = 12,
    Data = 13,
    List = 14,
    Enum = 15,
    Struct = 16,
    Interface = 17,
    AnyPointer = 18,
}
