namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Brand.Scope: the bindings of one generic scope, or that they are inherited.</summary>
internal readonly struct BrandScopeNode(StructReader s) : IStructReader<BrandScopeNode>
{
    public static ulong TypeId => 0xabd73485a9636bc9;

    public StructReader Struct => s;

    public ulong ScopeId => s.ReadUInt64(0);

    public bool Inherits => s.ReadUInt16(4) == 1;

    public StructListReader<BrandBinding> Bindings => new(s.ReadList(0, ElementSize.InlineComposite));

    public static BrandScopeNode Create(StructReader reader) => new(reader);
}
