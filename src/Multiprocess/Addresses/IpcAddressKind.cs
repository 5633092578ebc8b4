namespace Multiprocess.Addresses;

/// <summary>The transports an IPC address can name.</summary>
public enum IpcAddressKind
{
    /// <summary>A Unix domain socket file (<c>unix</c>, <c>unix:&lt;path&gt;</c>), as Bitcoin Core supports.</summary>
    Unix,

    /// <summary>A TCP endpoint (<c>tcp:&lt;host&gt;:&lt;port&gt;</c>), authenticated by a shared secret (beyond Bitcoin Core).</summary>
    Tcp,
}
