namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Node.SourceInfo.</summary>
internal readonly struct SourceInfo(StructReader s) : IStructReader<SourceInfo>
{
    public static ulong TypeId => 0xf38e1de3041357ae;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public string DocComment => s.ReadText(0);

    /// <summary>Doc comments of the members (fields, enumerants, methods) by code order.</summary>
    public IReadOnlyList<string> MemberDocComments
    {
        get
        {
            var list = s.ReadList(1, ElementSize.InlineComposite);
            var result = new string[list.Count];
            for (int i = 0; i < result.Length; i++)
                result[i] = list.GetStruct(i).ReadText(0);
            return result;
        }
    }

    public static SourceInfo Create(StructReader reader) => new(reader);
}
