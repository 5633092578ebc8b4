namespace Capnp;

/// <summary>A generated capability client: a typed view of an <see cref="IClientHook"/>.</summary>
/// <typeparam name="TSelf">The generated type.</typeparam>
public interface ICapabilityClient<TSelf>
    where TSelf : struct, ICapabilityClient<TSelf>
{
    /// <summary>The interface's 64-bit id from the schema (the id sent in every call).</summary>
    static abstract ulong InterfaceId { get; }

    /// <summary>Wraps a capability reference (null for a null capability).</summary>
    static abstract TSelf Create(IClientHook? hook);

    /// <summary>The capability underneath (null for a null capability).</summary>
    IClientHook? Hook { get; }
}
