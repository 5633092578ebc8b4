using System.Globalization;
using System.Net;
using System.Text;

namespace Multiprocess.Addresses;

/// <summary>
/// A parsed <c>-ipcbind</c> / <c>-ipcconnect</c> address. As Bitcoin Core: <c>unix</c> names the default socket
/// <c>&lt;datadir&gt;/&lt;name&gt;.sock</c> (the executable's name without its <c>bitcoin-</c> prefix, so bitcoin-node
/// listens on <c>node.sock</c>), <c>unix:&lt;path&gt;</c> a socket relative to the network data directory (or absolute).
/// Beyond Core: <c>tcp:&lt;host&gt;:&lt;port&gt;</c> (IPv6 hosts in brackets), see <see cref="IpcListener"/>.
/// </summary>
public sealed record IpcAddress
{
    /// <summary>
    /// The longest Unix socket path plus one: Linux's <c>sockaddr_un.sun_path</c> holds 108 bytes including the
    /// terminating NUL, and Core refuses a path of 108 bytes or more.
    /// </summary>
    public const int MaxUnixPathBytes = 108;

    private IpcAddress(IpcAddressKind kind, string? path, string? host, int port)
    {
        Kind = kind;
        Path = path;
        Host = host;
        Port = port;
    }

    /// <summary>The transport.</summary>
    public IpcAddressKind Kind { get; }

    /// <summary>The socket file for a Unix address (data directory applied); null for TCP.</summary>
    public string? Path { get; }

    /// <summary>The host (name or IP literal, without brackets) for a TCP address; null for Unix.</summary>
    public string? Host { get; }

    /// <summary>The port for a TCP address (0 to let a listener choose one); 0 for Unix.</summary>
    public int Port { get; }

    /// <summary>
    /// The address in its full form, as Core reports it after parsing (<c>unix:/home/u/.bitcoin/regtest/node.sock</c>,
    /// <c>tcp:127.0.0.1:8337</c>, <c>tcp:[::1]:8337</c>).
    /// </summary>
    public override string ToString() => Kind == IpcAddressKind.Unix
        ? "unix:" + Path
        : "tcp:" + FormatHostPort(Host!, Port);

    /// <summary>The same TCP address with another port (a listener reports the port it was given).</summary>
    internal IpcAddress WithPort(int port) => new(Kind, Path, Host, port);

    /// <summary>
    /// Parses <paramref name="address"/> for the executable <paramref name="exeName"/> (whose default socket
    /// <c>unix</c> names), with relative paths taken from <paramref name="dataDir"/> (the network data directory).
    /// Throws <see cref="IpcAddressException"/> with Core's messages: <c>Unrecognized address '…'</c> and
    /// <c>Unix address path "…" exceeded maximum socket path length</c>.
    /// </summary>
    public static IpcAddress Parse(string address, string dataDir, string exeName)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(exeName);
        if (address == "unix" || address.StartsWith("unix:", StringComparison.Ordinal))
            return ParseUnix(address, dataDir, exeName);
        if (address.StartsWith("tcp:", StringComparison.Ordinal))
            return ParseTcp(address);
        throw new IpcAddressException($"Unrecognized address '{address}'", address);
    }

    /// <summary>
    /// The default socket file of <paramref name="exeName"/> in <paramref name="dataDir"/>: <c>node.sock</c> for
    /// bitcoin-node, as Core names it.
    /// </summary>
    public static string DefaultSocketPath(string dataDir, string exeName)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(exeName);
        var name = exeName.StartsWith("bitcoin-", StringComparison.Ordinal) ? exeName["bitcoin-".Length..] : exeName;
        return System.IO.Path.Combine(dataDir, name + ".sock");
    }

    private static IpcAddress ParseUnix(string address, string dataDir, string exeName)
    {
        // As Core, "unix:" with nothing after it also means the default socket.
        var path = address.Length <= "unix:".Length
            ? DefaultSocketPath(dataDir, exeName)
            : System.IO.Path.Combine(dataDir, address["unix:".Length..]);
        if (Encoding.UTF8.GetByteCount(path) >= MaxUnixPathBytes)
            throw new IpcAddressException($"Unix address path {Quote(path)} exceeded maximum socket path length", "unix:" + path);
        return new IpcAddress(IpcAddressKind.Unix, path, null, 0);
    }

    private static IpcAddress ParseTcp(string address)
    {
        var rest = address["tcp:".Length..];
        string host;
        string portText;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= rest.Length || rest[close + 1] != ':')
                throw MalformedTcp(address);
            host = rest[1..close];
            portText = rest[(close + 2)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                throw MalformedTcp(address);
        }
        else
        {
            int colon = rest.LastIndexOf(':');
            if (colon <= 0)
                throw MalformedTcp(address);
            host = rest[..colon];
            portText = rest[(colon + 1)..];
            // An unbracketed IPv6 literal is ambiguous (which colon starts the port?), so it is refused.
            if (host.Contains(':', StringComparison.Ordinal))
                throw MalformedTcp(address);
        }

        if (host.Length == 0)
            throw MalformedTcp(address);
        if (portText.Length == 0 || !portText.All(char.IsAsciiDigit)
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > ushort.MaxValue)
            throw new IpcAddressException($"Invalid port in IPC address '{address}'", address);
        return new IpcAddress(IpcAddressKind.Tcp, null, host, port);
    }

    private static IpcAddressException MalformedTcp(string address)
        => new($"Invalid TCP address '{address}' (expected tcp:<host>:<port>, IPv6 hosts in brackets)", address);

    private static string FormatHostPort(string host, int port)
        => (host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Quotes a path as C++'s <c>std::quoted</c> does (Core's <c>fs::quoted</c>): in double quotes, <c>"</c> and <c>\</c> escaped.</summary>
    internal static string Quote(string path)
    {
        var builder = new StringBuilder(path.Length + 2).Append('"');
        foreach (char c in path)
        {
            if (c is '"' or '\\')
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.Append('"').ToString();
    }
}
