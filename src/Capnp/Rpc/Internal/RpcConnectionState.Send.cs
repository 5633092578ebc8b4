using Capnp.Rpc.Protocol;
using Exception = System.Exception;

namespace Capnp.Rpc.Internal;

/// <summary>Messages this side originates: calls, bootstrap, Finish, Release, Return, Resolve, Disembargo.</summary>
internal sealed partial class RpcConnectionState
{
    /// <summary>A request to a capability of this connection (a broken one once disconnected).</summary>
    public IRequestHook NewRequest(RpcNode target, ulong interfaceId, ushort methodId)
    {
        if (Volatile.Read(ref _disconnectReason) is { } reason)
        {
            var broken = new BrokenNode(reason);
            var request = new LocalRequest(broken, interfaceId, methodId);
            broken.Release();
            return request;
        }

        return new RpcRequest(target, interfaceId, methodId);
    }

    /// <summary>Sends a call: addresses it (or redirects it when the target promise resolved elsewhere meanwhile),
    /// describes the capabilities in its parameters, and gives it a question id.</summary>
    public IPromisedAnswer SendCall(RpcRequest request, MessageBuilder message, RpcNode target)
    {
        CapNode? redirect;
        using (Lock())
        {
            if (_disconnectReason is { } reason)
            {
                DisposeLater(message);
                return new BrokenAnswer(reason);
            }

            redirect = target.WriteTarget(request.Call.InitTarget());
            if (redirect is null)
            {
                var question = new Question
                {
                    AwaitingReturn = true,
                    ParamExports = WriteDescriptors(message.CapTableIfAny, request.Payload),
                    InterfaceId = request.InterfaceId,
                    MethodId = request.MethodId,
                };
                uint id = _questions.Add(question);
                var call = request.Call;
                call.QuestionId = id;
                var questionRef = new QuestionRef(this, id);
                question.SelfRef = questionRef;
                Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Call, id, request.InterfaceId, request.MethodId, true));
                return new RemoteAnswer(questionRef);
            }
        }

        // The target resolved to another capability while the request was built: send it there instead.
        try
        {
            using var replacement = redirect.NewRequest(request.InterfaceId, request.MethodId);
            replacement.Params.SetFrom(request.Payload.Content.AsReader());
            return replacement.Send();
        }
        finally
        {
            message.Dispose();
            redirect.Release();
        }
    }

    /// <summary>Asks for the peer's bootstrap capability: a promise for it, usable at once (calls are pipelined).</summary>
    public CapNode RequestBootstrap()
    {
        using (Lock())
        {
            if (_disconnectReason is { } reason)
                return new BrokenNode(reason);
            var question = new Question { AwaitingReturn = true, IsBootstrap = true };
            uint id = _questions.Add(question);
            var questionRef = new QuestionRef(this, id);
            question.SelfRef = questionRef;
            var message = new MessageBuilder(64);
            message.InitRoot<Message.Builder>().InitBootstrap().QuestionId = id;
            Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Bootstrap, id));

            // The promise holds the question; nothing else needs to.
            var node = questionRef.GetPipelinedNode(PipelinePath.Empty);
            ReleaseLater(questionRef);
            return node;
        }
    }

    /// <summary>The last hold on a question went: Finish tells the peer (unless it said none is needed).</summary>
    public void OnQuestionReleased(QuestionRef questionRef)
    {
        using (Lock())
        {
            questionRef.IsFinished = true;
            DisposeLater(questionRef.TakeResponse());
            if (!_questions.TryGet(questionRef.Id, out var question) || question.SelfRef != questionRef)
                return;
            if (_disconnectReason is null && !question.SkipFinish)
            {
                var message = new MessageBuilder(16);
                var finish = message.InitRoot<Message.Builder>().InitFinish();
                finish.QuestionId = questionRef.Id;

                // Results already received were imported and are released one by one; a call still running is
                // cancelled, and the callee drops whatever it returns.
                finish.ReleaseResultCaps = question.AwaitingReturn;
                finish.RequireEarlyCancellationWorkaround = false;
                Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Finish, questionRef.Id, question.InterfaceId,
                    question.MethodId, !question.IsBootstrap));
            }

            if (question.AwaitingReturn)
                question.SelfRef = null;
            else
                _questions.Remove(questionRef.Id);
        }
    }

    /// <summary>The last reference to an import went: one Release returns every reference the peer sent.</summary>
    public void OnImportReleased(ImportNode node)
    {
        using (Lock())
        {
            if (_imports.TryGetValue(node.ImportId, out var entry) && entry.Node == node)
                _imports.Remove(node.ImportId);
            if (_disconnectReason is null && node.RemoteRefCount > 0)
            {
                var message = new MessageBuilder(16);
                var release = message.InitRoot<Message.Builder>().InitRelease();
                release.Id = node.ImportId;
                release.ReferenceCount = node.RemoteRefCount;
                Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Release, node.ImportId));
            }
        }
    }

    /// <summary>The last reference to a promise of the connection went.</summary>
    public void OnPromiseReleased(PromiseNode promise, uint? importId)
    {
        using (Lock())
        {
            if (importId is { } id && _imports.TryGetValue(id, out var entry) && entry.Promise == promise)
                entry.Promise = null;
            ReleaseLater(promise.TakeCap());
        }
    }

    /// <summary>A call the peer made has completed: send its Return (results, exception or cancellation).</summary>
    public void OnServerCallCompleted(RpcServerCall call, Exception? error)
    {
        using (Lock())
        {
            if (_disconnectReason is not null || !_answers.TryGetValue(call.AnswerId, out var answer) || answer.Call != call)
                return;

            if (call.RedirectResults)
            {
                // The results wait here for the question that takes them; only a Finish ends the wait early.
                if (answer.FinishReceived)
                {
                    SendBareReturn(call.AnswerId, resultsSentElsewhere: true);
                    RemoveAnswer(call.AnswerId, answer);
                }

                return;
            }

            if (call.OnlyPromisePipeline)
            {
                // No Return is wanted: the entry serves pipelined calls until Finish.
                answer.Call = null;
                if (answer.FinishReceived)
                    RemoveAnswer(call.AnswerId, answer);
                return;
            }

            if (answer.FinishReceived)
            {
                SendBareReturn(call.AnswerId, resultsSentElsewhere: false);
                RemoveAnswer(call.AnswerId, answer);
                return;
            }

            answer.Call = null;
            if (error is not null)
            {
                // The entry stays until Finish so that pipelined calls fail with this same exception.
                var message = new MessageBuilder(64);
                var ret = message.InitRoot<Message.Builder>().InitReturn();
                ret.AnswerId = call.AnswerId;
                ret.ReleaseParamCaps = false;
                RpcErrors.Write(error, ret.InitException());
                Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Return, call.AnswerId, call.InterfaceId, call.MethodId, true));
                return;
            }

            _ = call.Results;
            var (results, payload) = call.ReturnMessage!.Value;
            var returnBuilder = results.GetRoot<Message.Builder>().Return;
            returnBuilder.AnswerId = call.AnswerId;
            returnBuilder.ReleaseParamCaps = false;
            var caps = results.CapTableIfAny;
            var exports = WriteDescriptors(caps, payload);
            bool hasCaps = caps is { Count: > 0 };
            if (hasCaps)
            {
                answer.ResultExports = exports;
                call.SetInnermostAtReturn(InnermostAtReturn(caps!));
            }
            else
            {
                // Nothing to pipeline on and nothing to release: the caller need not send Finish.
                returnBuilder.NoFinishNeeded = true;
                RemoveAnswer(call.AnswerId, answer);
            }

            if (call.TryAddRef())
                Enqueue(new OutgoingMessage(results, call, RpcMessageKind.Return, call.AnswerId, call.InterfaceId, call.MethodId, true));
        }
    }

    /// <summary>A Return that carries no results: <c>canceled</c>, or <c>resultsSentElsewhere</c>.</summary>
    private void SendBareReturn(uint answerId, bool resultsSentElsewhere)
    {
        var message = new MessageBuilder(16);
        var ret = message.InitRoot<Message.Builder>().InitReturn();
        ret.AnswerId = answerId;
        ret.ReleaseParamCaps = false;
        if (resultsSentElsewhere)
            ret.SetResultsSentElsewhere();
        else
            ret.SetCanceled();
        Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Return, answerId));
    }

    private void RemoveAnswer(uint answerId, Answer answer)
    {
        _answers.Remove(answerId);
        answer.Pipeline = null;
        ReleaseLater(answer.PipelineOwner);
        answer.PipelineOwner = null;
    }

    /// <summary>For each capability returned, what it led to at return time (references owned by the map).</summary>
    private Dictionary<CapNode, CapNode> InnermostAtReturn(IReadOnlyList<IClientHook?> caps)
    {
        var map = new Dictionary<CapNode, CapNode>(ReferenceEqualityComparer.Instance);
        foreach (var hook in caps)
        {
            if (hook is not CapabilityRef reference)
                continue;
            var node = reference.Node;
            if (map.ContainsKey(node))
                continue;
            var innermost = InnermostNode(node);
            if (ReferenceEquals(innermost, node))
                innermost.Release();
            else
                map[node] = innermost;
        }

        return map;
    }

    /// <summary>Embargoes a promise that resolved to a capability of this side: a Disembargo goes to the peer along
    /// the path earlier calls took, and calls queue on the returned promise until it comes back.</summary>
    public QueuedNode StartEmbargo(CapNode currentTarget, CapNode replacement)
    {
        var message = new MessageBuilder(32);
        var disembargo = message.InitRoot<Message.Builder>().InitDisembargo();
        var redirect = WriteTarget(currentTarget, disembargo.InitTarget());
        ReleaseLater(redirect);
        var queue = new QueuedNode();
        queue.AddRef();
        uint id = _embargoes.Add(new Embargo { Queue = queue, Target = replacement });
        var context = disembargo.Context;
        context.SenderLoopback = id;
        Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Disembargo, id));
        return queue;
    }

    /// <summary>An echo of a message this side does not handle.</summary>
    private void SendUnimplemented(Message received)
    {
        var message = new MessageBuilder();
        try
        {
            message.InitRoot<Message.Builder>().SetUnimplemented(received);
        }
        catch (CapnpFormatException e)
        {
            message.Dispose();
            throw new RpcProtocolException("Received an unknown message that cannot be echoed: " + e.Message);
        }

        Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Unimplemented, 0));
    }

    private void SendAbort(Exception reason)
    {
        var message = new MessageBuilder(64);
        RpcErrors.Write(reason, message.InitRoot<Message.Builder>().InitAbort());
        Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Abort, 0));
    }
}
