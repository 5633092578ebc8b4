using System.Net.Sockets;
using Multiprocess.Spawning;

namespace Multiprocess;

/// <summary>Socket helpers for IPC connections.</summary>
public static class IpcSockets
{
    /// <summary>Two connected stream sockets (a Unix socket pair; a loopback TCP pair on Windows), for a
    /// connection between two parts of one process or to hand one end to a child.</summary>
    public static (Socket First, Socket Second) CreatePair() => SocketPairs.Create();
}
