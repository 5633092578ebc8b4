namespace Capnp.Rpc;

/// <summary>How many entries each of a connection's four tables (and its embargo table) holds.</summary>
/// <param name="Questions">Calls this side sent whose Return or Finish is outstanding.</param>
/// <param name="Answers">Calls the peer sent that are running or whose Finish has not arrived.</param>
/// <param name="Imports">Capabilities the peer exported to this side, still referenced here.</param>
/// <param name="Exports">Capabilities this side exported, not yet released by the peer.</param>
/// <param name="Embargoes">Embargoes waiting for their Disembargo to come back.</param>
public readonly record struct RpcTableCounts(int Questions, int Answers, int Imports, int Exports, int Embargoes);
