namespace Capnp;

/// <summary>The results of a call. Disposing releases the message holding them.</summary>
public interface IResponseHook : IDisposable
{
    /// <summary>The results struct's pointer.</summary>
    AnyPointerReader Results { get; }
}
