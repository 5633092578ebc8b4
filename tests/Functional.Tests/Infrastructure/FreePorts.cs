using System.Net;
using System.Net.Sockets;

namespace Functional.Tests.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1, each handed out once per test run.</summary>
internal static class FreePorts
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<int> s_given = [];

    /// <summary>A port that was free a moment ago and has not been given to another test of this run.</summary>
    public static int Next()
    {
        lock (s_lock)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (s_given.Add(port))
                    return port;
            }
        }
    }
}
