namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Brand.Binding: a parameter left unbound, or the type bound to it.</summary>
internal readonly struct BrandBinding(StructReader s) : IStructReader<BrandBinding>
{
    public static ulong TypeId => 0xc863cd16969ee7fc;

    public StructReader Struct => s;

    public bool IsUnbound => s.ReadUInt16(0) == 0;

    public SchemaType Type => new(s.ReadStruct(0));

    public static BrandBinding Create(StructReader reader) => new(reader);
}
