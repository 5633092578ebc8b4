using System.Security.Cryptography.X509Certificates;

namespace Multiprocess.Addresses;

/// <summary>How an <see cref="IpcListener"/> authenticates TCP peers and reports what it refuses.</summary>
public sealed record IpcListenerOptions
{
    /// <summary>The shared secret TCP peers must prove they hold; required for a TCP address, unused for Unix.</summary>
    public IpcSecret? Secret { get; init; }

    /// <summary>
    /// Gives the TLS certificate (with private key) a TCP listener presents; called only when TLS is used: always for
    /// an address that is not loopback, and on loopback with <see cref="UseTlsOnLoopback"/>.
    /// </summary>
    public Func<X509Certificate2>? TlsCertificate { get; init; }

    /// <summary>Use TLS on a loopback address too (off by default: the traffic never leaves the machine).</summary>
    public bool UseTlsOnLoopback { get; init; }

    /// <summary>How long a TCP peer has to complete authentication before it is disconnected.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Receives a warning per refused peer or failed accept (the node writes them to its log).</summary>
    public IIpcLogger? Logger { get; init; }
}
