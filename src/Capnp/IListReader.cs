namespace Capnp;

/// <summary>A typed list reader, so that lists of lists can be typed all the way down.</summary>
/// <typeparam name="TSelf">The list reader type.</typeparam>
public interface IListReader<TSelf>
    where TSelf : struct, IListReader<TSelf>
{
    /// <summary>The element size this list type expects on the wire.</summary>
    static abstract ElementSize ExpectedElementSize { get; }

    /// <summary>Wraps an untyped list reader.</summary>
    static abstract TSelf Create(ListReader list);

    /// <summary>The untyped list underneath.</summary>
    ListReader List { get; }
}
