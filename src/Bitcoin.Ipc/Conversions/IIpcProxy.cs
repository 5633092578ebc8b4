using Capnp;
using Multiprocess;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// A C# object that stands for a capability of the peer. Passing it back over the same connection sends the
/// capability itself, so the peer gets its own object back rather than a proxy of a proxy.
/// </summary>
internal interface IIpcProxy
{
    /// <summary>The connection the capability lives on.</summary>
    IpcConnection Connection { get; }

    /// <summary>The capability (a reference the proxy keeps; add one to keep it longer).</summary>
    IClientHook Hook { get; }
}
