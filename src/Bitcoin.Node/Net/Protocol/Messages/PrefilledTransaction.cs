using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>A transaction sent in full inside a compact block (BIP152), with its differentially encoded index.</summary>
/// <param name="IndexDelta">Index minus the previous prefilled index minus one (the first is its index).</param>
/// <param name="Tx">The transaction.</param>
public sealed record PrefilledTransaction(ushort IndexDelta, Transaction Tx);
