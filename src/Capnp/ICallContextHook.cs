namespace Capnp;

/// <summary>A call arriving at a server: parameters to read and results to fill.</summary>
public interface ICallContextHook
{
    /// <summary>The parameter struct's pointer.</summary>
    AnyPointerReader Params { get; }

    /// <summary>The slot for the results struct, in the message that will be returned.</summary>
    AnyPointerBuilder Results { get; }

    /// <summary>Lets the RPC layer free the parameters early; <see cref="Params"/> must not be read afterwards.</summary>
    void ReleaseParams();
}
