namespace Capnp;

/// <summary>A generated struct reader: a typed view of a <see cref="StructReader"/>.</summary>
/// <typeparam name="TSelf">The generated type.</typeparam>
public interface IStructReader<TSelf>
    where TSelf : struct, IStructReader<TSelf>
{
    /// <summary>The struct's 64-bit type id from the schema.</summary>
    static abstract ulong TypeId { get; }

    /// <summary>Wraps an untyped struct reader.</summary>
    static abstract TSelf Create(StructReader reader);

    /// <summary>The untyped struct underneath.</summary>
    StructReader Struct { get; }
}
