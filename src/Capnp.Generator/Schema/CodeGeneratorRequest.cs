namespace Capnp.Generator.Schema;

// Hand-written readers for the parts of schema.capnp (0xa93fc509624c72d9) the generator uses. Offsets are those
// `capnp compile -ocapnp /usr/include/capnp/schema.capnp` reports; primitive offsets are in units of the field's size.

/// <summary>schema.capnp CodeGeneratorRequest.</summary>
internal readonly struct CodeGeneratorRequest(StructReader s)
{
    public StructListReader<Node> Nodes => new(s.ReadList(0, ElementSize.InlineComposite));

    public StructListReader<RequestedFile> RequestedFiles => new(s.ReadList(1, ElementSize.InlineComposite));

    public StructListReader<SourceInfo> SourceInfo => new(s.ReadList(3, ElementSize.InlineComposite));
}
