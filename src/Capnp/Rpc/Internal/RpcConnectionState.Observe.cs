using System.Diagnostics;
using Capnp.Rpc.Protocol;
using Exception = System.Exception;

namespace Capnp.Rpc.Internal;

/// <summary>Reporting messages to the connection's observer (the IPC log).</summary>
internal sealed partial class RpcConnectionState
{
    private void Observe(OutgoingMessage message)
    {
        if (_observer is null)
            return;
        var root = message.Message.AsReader().GetRoot<Message>();
        Report(RpcMessageDirection.Sent, root, message.Id, message.InterfaceId, message.MethodId, message.HasMethod);
    }

    /// <summary>Reports a received message; the method of a Return or Finish comes from the tables.</summary>
    private void ObserveReceived(Message root)
    {
        if (_observer is null)
            return;
        uint id = 0;
        ulong interfaceId = 0;
        ushort methodId = 0;
        bool hasMethod = false;
        switch (root.Which)
        {
            case Message.WhichCase.Call:
                var call = root.Call;
                (id, interfaceId, methodId, hasMethod) = (call.QuestionId, call.InterfaceId, call.MethodId, true);
                break;
            case Message.WhichCase.Return:
                id = root.Return.AnswerId;
                lock (_sync)
                {
                    if (_questions.TryGet(id, out var question) && !question.IsBootstrap)
                        (interfaceId, methodId, hasMethod) = (question.InterfaceId, question.MethodId, true);
                }

                break;
            case Message.WhichCase.Finish:
                id = root.Finish.QuestionId;
                lock (_sync)
                {
                    if (_answers.TryGetValue(id, out var answer) && answer.Call is { } running)
                        (interfaceId, methodId, hasMethod) = (running.InterfaceId, running.MethodId, true);
                }

                break;
        }

        Report(RpcMessageDirection.Received, root, id, interfaceId, methodId, hasMethod);
    }

    private void Report(RpcMessageDirection direction, Message root, uint id, ulong interfaceId, ushort methodId, bool hasMethod)
    {
        AnyPointerReader content = default;
        string? reason = null;
        var kind = root.Which switch
        {
            Message.WhichCase.Unimplemented => RpcMessageKind.Unimplemented,
            Message.WhichCase.Abort => RpcMessageKind.Abort,
            Message.WhichCase.Call => RpcMessageKind.Call,
            Message.WhichCase.Return => RpcMessageKind.Return,
            Message.WhichCase.Finish => RpcMessageKind.Finish,
            Message.WhichCase.Resolve => RpcMessageKind.Resolve,
            Message.WhichCase.Release => RpcMessageKind.Release,
            Message.WhichCase.Bootstrap => RpcMessageKind.Bootstrap,
            Message.WhichCase.Disembargo => RpcMessageKind.Disembargo,
            _ => RpcMessageKind.Other,
        };
        switch (root.Which)
        {
            case Message.WhichCase.Abort:
                reason = root.Abort.Reason.ToString();
                break;
            case Message.WhichCase.Call:
                id = root.Call.QuestionId;
                content = root.Call.Params.Content;
                break;
            case Message.WhichCase.Return:
                id = root.Return.AnswerId;
                if (root.Return.Which == Return.WhichCase.Results)
                    content = root.Return.Results.Content;
                else if (root.Return.Which == Return.WhichCase.Exception)
                    reason = root.Return.Exception.Reason.ToString();
                break;
            case Message.WhichCase.Finish:
                id = root.Finish.QuestionId;
                break;
            case Message.WhichCase.Bootstrap:
                id = root.Bootstrap.QuestionId;
                break;
            case Message.WhichCase.Resolve:
                id = root.Resolve.PromiseId;
                break;
            case Message.WhichCase.Release:
                id = root.Release.Id;
                break;
            case Message.WhichCase.Disembargo:
                id = root.Disembargo.Context.Which == Disembargo.ContextGroup.WhichCase.SenderLoopback
                    ? root.Disembargo.Context.SenderLoopback
                    : root.Disembargo.Context.ReceiverLoopback;
                break;
        }

        try
        {
            _observer!(new RpcMessageEvent(direction, kind, id, interfaceId, methodId, hasMethod, content, reason));
        }
        catch (Exception e)
        {
            Trace.TraceError($"Cap'n Proto RPC: the message observer threw: {e}");
        }
    }
}
