using System.Diagnostics;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Multiprocess.Spawning;

/// <summary>
/// Windows has no descriptor inheritance for sockets: the child is started as <c>&lt;exe&gt; -ipcfd &lt;h&gt;</c>,
/// where h is an inheritable anonymous pipe handle; the parent then duplicates its end of a socket pair for the
/// child's process id (<see cref="Socket.DuplicateAndClose"/>, WSADuplicateSocket) and writes the
/// <see cref="SocketInformation"/> into the pipe, from which the child rebuilds the socket.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsSpawner
{
    /// <summary>Starts <paramref name="path"/> and hands it a socket; returns the process and this side's socket.</summary>
    public static (Process Process, Socket Socket) Spawn(string path)
    {
        var (parentSocket, childSocket) = SocketPairs.Create();
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        start.ArgumentList.Add("-ipcfd");
        start.ArgumentList.Add(pipe.GetClientHandleAsString());
        Process? process = null;
        try
        {
            process = Process.Start(start) ?? throw new IOException($"Cannot start {path}");
            pipe.DisposeLocalCopyOfClientHandle();
            var information = childSocket.DuplicateAndClose(process.Id);
            using var writer = new BinaryWriter(pipe);
            writer.Write((int)information.Options);
            writer.Write(information.ProtocolInformation.Length);
            writer.Write(information.ProtocolInformation);
            writer.Flush();
            return (process, parentSocket);
        }
        catch
        {
            childSocket.Dispose();
            parentSocket.Dispose();
            if (process is { HasExited: false })
                process.Kill();
            process?.Dispose();
            throw;
        }
    }

    /// <summary>In the child: rebuilds the socket the parent handed over through pipe handle <paramref name="handle"/>.</summary>
    public static Socket ReceiveSocket(long handle)
    {
        using var pipe = new AnonymousPipeClientStream(PipeDirection.In, handle.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var reader = new BinaryReader(pipe);
        var options = (SocketInformationOptions)reader.ReadInt32();
        int length = reader.ReadInt32();
        var protocolInformation = reader.ReadBytes(length);
        if (protocolInformation.Length != length)
            throw new IOException("The parent closed the pipe before handing over the IPC socket.");
        return new Socket(new SocketInformation { Options = options, ProtocolInformation = protocolInformation });
    }
}
