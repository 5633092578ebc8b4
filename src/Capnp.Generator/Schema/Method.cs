namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Method.</summary>
internal readonly struct Method(StructReader s) : IStructReader<Method>
{
    public static ulong TypeId => 0x9500cce23b334d80;

    public StructReader Struct => s;

    public string Name => s.ReadText(0);

    public ushort CodeOrder => s.ReadUInt16(0);

    public ulong ParamStructType => s.ReadUInt64(1);

    public ulong ResultStructType => s.ReadUInt64(2);

    public StructListReader<Annotation> Annotations => new(s.ReadList(1, ElementSize.InlineComposite));

    public static Method Create(StructReader reader) => new(reader);
}
