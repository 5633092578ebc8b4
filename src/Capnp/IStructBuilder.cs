namespace Capnp;

/// <summary>A generated struct builder: a typed view of a <see cref="StructBuilder"/>.</summary>
/// <typeparam name="TSelf">The generated type.</typeparam>
public interface IStructBuilder<TSelf>
    where TSelf : struct, IStructBuilder<TSelf>
{
    /// <summary>The section sizes the schema compiler gave the struct.</summary>
    static abstract StructSize Size { get; }

    /// <summary>Wraps an untyped struct builder.</summary>
    static abstract TSelf Create(StructBuilder builder);

    /// <summary>The untyped struct underneath.</summary>
    StructBuilder Struct { get; }
}
