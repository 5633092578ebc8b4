using Bitcoin.Common.Util;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// How the server names itself in RPC texts ("Bitcoin Core stopping", internal-bug reports). The defaults are Core's,
/// so clients and tests written against Core see the same strings; a process may change them at start-up.
/// </summary>
public static class RpcClientIdentity
{
    /// <summary>The client name (Core's CLIENT_NAME).</summary>
    public static string ClientName { get; set; } = ClientVersion.ClientName;

    /// <summary>The version as shown in bug reports (Core's FormatFullVersion()).</summary>
    public static string FullVersion { get; set; } = ClientVersion.FullVersion;

    /// <summary>Where to report bugs (Core's CLIENT_BUGREPORT).</summary>
    public static string BugReportUrl { get; set; } = "https://github.com/bitcoin/bitcoin/issues";
}
