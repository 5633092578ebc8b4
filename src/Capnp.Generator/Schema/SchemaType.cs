namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Type.</summary>
internal readonly struct SchemaType(StructReader s)
{
    public TypeKind Kind => (TypeKind)s.ReadUInt16(0);

    public SchemaType ElementType => new(s.ReadStruct(0));

    /// <summary>The type id of an enum, struct or interface.</summary>
    public ulong TypeId => s.ReadUInt64(1);

    /// <summary>For AnyPointer: 0 unconstrained, 1 a generic parameter, 2 a method's generic parameter.</summary>
    public ushort AnyPointerKind => s.ReadUInt16(4);

    /// <summary>For unconstrained AnyPointer: 0 any kind, 1 struct, 2 list, 3 capability.</summary>
    public ushort UnconstrainedKind => s.ReadUInt16(5);

    /// <summary>For a generic parameter (AnyPointer kind 1): the id of the generic type declaring it.</summary>
    public ulong ParameterScopeId => s.ReadUInt64(2);

    /// <summary>For a generic parameter: its index among its type's parameters.</summary>
    public ushort ParameterIndex => s.ReadUInt16(5);

    /// <summary>For an enum, struct or interface: the types bound to generic parameters.</summary>
    public Brand Brand => new(s.ReadStruct(0));
}
