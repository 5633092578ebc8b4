namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Brand: the types bound to a generic type's parameters, scope by scope.</summary>
internal readonly struct Brand(StructReader s)
{
    public StructListReader<BrandScopeNode> Scopes => new(s.ReadList(0, ElementSize.InlineComposite));
}
