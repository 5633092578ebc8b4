namespace Capnp;

/// <summary>A typed list builder, so that lists of lists can be typed all the way down.</summary>
/// <typeparam name="TSelf">The list builder type.</typeparam>
public interface IListBuilder<TSelf>
    where TSelf : struct, IListBuilder<TSelf>
{
    /// <summary>Points <paramref name="slot"/> at a new list of <paramref name="count"/> elements.</summary>
    static abstract TSelf Init(AnyPointerBuilder slot, int count);

    /// <summary>The list <paramref name="slot"/> points to (empty when null).</summary>
    static abstract TSelf Get(AnyPointerBuilder slot);

    /// <summary>The untyped list underneath.</summary>
    ListBuilder List { get; }
}
