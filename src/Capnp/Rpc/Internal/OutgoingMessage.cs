namespace Capnp.Rpc.Internal;

/// <summary>A message queued for the writer, with what a log line needs to name it.</summary>
/// <param name="Message">The framed-to-be message.</param>
/// <param name="Owner">Who keeps the message after it is written (a call whose Return holds results that pipelined
/// calls still read); the writer releases this reference. Null: the writer disposes the message.</param>
internal readonly record struct OutgoingMessage(MessageBuilder Message, RefCounted? Owner, RpcMessageKind Kind, uint Id,
    ulong InterfaceId = 0, ushort MethodId = 0, bool HasMethod = false)
{
    /// <summary>Gives the message back after writing (or dropping) it.</summary>
    public void Free()
    {
        if (Owner is { } owner)
            owner.Release();
        else
            Message.Dispose();
    }
}
