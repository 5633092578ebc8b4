namespace Capnp.Generator.Schema;

/// <summary>schema.capnp CodeGeneratorRequest.RequestedFile.</summary>
internal readonly struct RequestedFile(StructReader s) : IStructReader<RequestedFile>
{
    public static ulong TypeId => 0xcfea0eb02e810062;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public string Filename => s.ReadText(0);

    public static RequestedFile Create(StructReader reader) => new(reader);
}
