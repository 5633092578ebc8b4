namespace Capnp.Rpc;

/// <summary>The kind of an RPC protocol message (the protocol's <c>Message</c> union; the values are the wire
/// discriminants).</summary>
public enum RpcMessageKind : ushort
{
    /// <summary>An echo of a message the sender did not understand.</summary>
    Unimplemented = 0,

    /// <summary>The sender is closing the connection because of an error.</summary>
    Abort = 1,

    /// <summary>A method call.</summary>
    Call = 2,

    /// <summary>A call's results (or failure).</summary>
    Return = 3,

    /// <summary>The caller is done with a call's answer (or cancels the call).</summary>
    Finish = 4,

    /// <summary>A promise the sender exported has resolved.</summary>
    Resolve = 5,

    /// <summary>The sender drops references to a capability.</summary>
    Release = 6,

    /// <summary>A request for the peer's bootstrap capability.</summary>
    Bootstrap = 8,

    /// <summary>Lifts an embargo that keeps calls in order while a promise resolves.</summary>
    Disembargo = 13,

    /// <summary>Any other message (not used by two-party level 1 RPC).</summary>
    Other = 0xFFFF,
}
