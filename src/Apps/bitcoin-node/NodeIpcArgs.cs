using Bitcoin.Common.Args;

namespace Apps.bitcoin_node;

/// <summary>The IPC options only bitcoin-node has (Core registers <c>-ipcbind</c> only in builds that can listen for IPC).</summary>
internal static class NodeIpcArgs
{
    public static void Register(ArgsManager args)
    {
        args.AddArg("-ipcbind=<address>",
            "Listen for IPC connections from other processes (bitcoin-cli -ipcconnect, wallets, GUIs). \"unix\" listens on " +
            "<datadir>/node.sock, \"unix:<path>\" on a socket at <path> (relative paths are inside the network data " +
            "directory; missing parent directories are created; the socket is made readable and writable by its owner " +
            "only). Anyone who can open the socket controls the node as an RPC user would, so choose a private path. " +
            "\"tcp:<host>:<port>\" listens on TCP: every client must prove it knows the secret (-ipcauth, or the cookie " +
            "file <datadir>/.ipccookie written at start-up) before anything else, and a host that is not loopback also " +
            "requires TLS (certificate <datadir>/ipc-tls.pfx, made on first use). May be given several times. " +
            "By default the node does not listen for IPC.",
            ArgFlags.AllowAny, OptionsCategory.Ipc);
        args.AddArg("-ipcauth=<secret>",
            "The secret TCP IPC clients must prove they know, instead of a random one written to <datadir>/.ipccookie; " +
            "give clients the same value with their -ipcauth. It never crosses the connection.",
            ArgFlags.AllowAny | ArgFlags.Sensitive, OptionsCategory.Ipc);
    }
}
