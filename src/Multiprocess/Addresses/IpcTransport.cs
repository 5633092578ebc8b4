namespace Multiprocess.Addresses;

/// <summary>
/// The byte stream of an accepted or connected IPC connection, authenticated when it came over TCP: the byte stream to run Cap'n Proto on (a TLS
/// stream when TLS is in use) and who the peer is, for logs.
/// </summary>
/// <param name="Stream">The stream; whoever serves the connection disposes it.</param>
/// <param name="Peer">The peer for logs: <c>127.0.0.1:50312</c> for TCP, the socket path for Unix.</param>
public sealed record IpcTransport(Stream Stream, string Peer);
