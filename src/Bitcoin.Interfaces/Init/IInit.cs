namespace Bitcoin.Interfaces;

/// <summary>
/// The first object one process offers another (Core's <c>interfaces::Init</c>): a factory for the interfaces that
/// process can serve. Each method returns null when the process does not provide that interface (bitcoin-cli serves
/// none; bitcoin-node serves echo and rpc); the default implementations say so, so an executable implements only
/// what it has.
/// </summary>
public interface IInit
{
    /// <summary>A new <see cref="IEcho"/>, or null when not provided.</summary>
    IEcho? MakeEcho() => null;

    /// <summary>A new <see cref="IRpc"/> running requests in this process's node, or null when there is no node.</summary>
    IRpc? MakeRpc() => null;
}
