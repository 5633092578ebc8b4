using System.Net.Sockets;

namespace Multiprocess.Bench;

/// <summary>The raw baseline: a Unix socket between the same two processes, the child echoing every byte.</summary>
internal static class RawPeer
{
    /// <summary>The environment variable that tells the child where to connect.</summary>
    public const string PathVariable = "MULTIPROCESS_BENCH_RAW_PATH";

    /// <summary>In the child: connects to the parent's socket and echoes until it closes (on a thread of its own).</summary>
    public static void StartIfAsked()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrEmpty(path))
            return;
        var thread = new Thread(() =>
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            var buffer = new byte[4096];
            int read;
            while ((read = socket.Receive(buffer)) > 0)
                socket.Send(buffer.AsSpan(0, read));
        })
        {
            IsBackground = true,
            Name = "raw-peer",
        };
        thread.Start();
    }

    /// <summary>One round trip: sends <paramref name="payload"/> and reads as many bytes back.</summary>
    public static void PingPong(Socket socket, byte[] payload, byte[] buffer)
    {
        socket.Send(payload);
        int got = 0;
        while (got < payload.Length)
        {
            int read = socket.Receive(buffer.AsSpan(got, payload.Length - got));
            if (read == 0)
                throw new IOException("The raw peer closed the socket.");
            got += read;
        }
    }
}
