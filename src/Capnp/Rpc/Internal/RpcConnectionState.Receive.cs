using Capnp.Rpc.Protocol;
using Exception = System.Exception;

namespace Capnp.Rpc.Internal;

/// <summary>Handling what the peer sends, one message at a time, in order. A message that breaks the protocol
/// throws <see cref="RpcProtocolException"/>: the connection is then aborted with its reason.</summary>
internal sealed partial class RpcConnectionState
{
    private void HandleMessage(MessageReader message)
    {
        bool kept = false;
        try
        {
            var root = message.GetRoot<Message>();
            ObserveReceived(root);
            using (Lock())
            {
                if (_disconnectReason is not null)
                    return;
                switch (root.Which)
                {
                    case Message.WhichCase.Unimplemented:
                        HandleUnimplemented(root.Unimplemented);
                        break;
                    case Message.WhichCase.Abort:
                        var abort = RpcErrors.Read(root.Abort);
                        Disconnect(new RpcException(abort.Type, "Peer aborted the connection: " + abort.Message), sendAbort: false);
                        break;
                    case Message.WhichCase.Bootstrap:
                        HandleBootstrap(root.Bootstrap);
                        break;
                    case Message.WhichCase.Call:
                        kept = HandleCall(message, root.Call);
                        break;
                    case Message.WhichCase.Return:
                        kept = HandleReturn(message, root.Return);
                        break;
                    case Message.WhichCase.Finish:
                        HandleFinish(root.Finish);
                        break;
                    case Message.WhichCase.Resolve:
                        HandleResolve(root.Resolve);
                        break;
                    case Message.WhichCase.Release:
                        ReleaseExport(root.Release.Id, root.Release.ReferenceCount);
                        break;
                    case Message.WhichCase.Disembargo:
                        HandleDisembargo(root.Disembargo);
                        break;
                    default:
                        // Level 2-4 messages and anything newer: echoed back, as the protocol asks.
                        SendUnimplemented(root);
                        break;
                }
            }
        }
        finally
        {
            if (!kept)
                message.Dispose();
        }
    }

    private void HandleUnimplemented(Message echoed)
    {
        switch (echoed.Which)
        {
            case Message.WhichCase.Resolve:
                // The peer ignored a Resolve: it will never release what the promise resolved to.
                var resolve = echoed.Resolve;
                if (resolve.Which == Resolve.WhichCase.Cap)
                {
                    var cap = resolve.Cap;
                    switch (cap.Which)
                    {
                        case CapDescriptor.WhichCase.SenderHosted:
                            ReleaseExport(cap.SenderHosted, 1);
                            break;
                        case CapDescriptor.WhichCase.SenderPromise:
                            ReleaseExport(cap.SenderPromise, 1);
                            break;
                        case CapDescriptor.WhichCase.ThirdPartyHosted:
                            ReleaseExport(cap.ThirdPartyHosted.VineId, 1);
                            break;
                    }
                }

                break;
            case Message.WhichCase.Call:
                FailUnimplementedQuestion(echoed.Call.QuestionId, "Peer does not implement calls.");
                break;
            case Message.WhichCase.Bootstrap:
                FailUnimplementedQuestion(echoed.Bootstrap.QuestionId, "Peer does not implement Bootstrap.");
                break;
            default:
                throw new RpcProtocolException($"Peer did not implement required RPC message type ({(ushort)echoed.Which}).");
        }
    }

    /// <summary>A question the peer echoed back unimplemented fails as if it had returned that exception; the peer
    /// never saw it, so its parameters' exports are released and no Finish is due.</summary>
    private void FailUnimplementedQuestion(uint questionId, string reason)
    {
        if (!_questions.TryGet(questionId, out var question) || !question.AwaitingReturn)
            throw new RpcProtocolException("Peer echoed a question this side did not ask.");
        question.AwaitingReturn = false;
        question.SkipFinish = true;
        ReleaseExports(question.ParamExports);
        question.ParamExports = [];
        if (question.SelfRef is { } questionRef)
            questionRef.Reject(new RpcUnimplementedException(reason));
        else
            _questions.Remove(questionId);
    }

    private void HandleBootstrap(Bootstrap bootstrap)
    {
        uint answerId = bootstrap.QuestionId;
        if (_answers.ContainsKey(answerId))
            throw new RpcProtocolException("questionId is already in use");

        var message = new MessageBuilder(64);
        var ret = message.InitRoot<Message.Builder>().InitReturn();
        ret.AnswerId = answerId;
        var answer = new Answer();
        if (_bootstrap is null || bootstrap.HasDeprecatedObjectId)
        {
            var error = new RpcException(_bootstrap is null
                ? "This vat does not expose any public/bootstrap interfaces."
                : "This vat only supports a bootstrap interface, not the old Cap'n-Proto-0.4-style named exports.");
            RpcErrors.Write(error, ret.InitException());
            var pipeline = new SingleCapPipeline(new BrokenNode(error));
            (answer.Pipeline, answer.PipelineOwner) = (pipeline, pipeline);
        }
        else
        {
            var payload = ret.InitResults();
            _bootstrap.AddRef();
            using (var reference = new CapabilityRef(_bootstrap))
                payload.Content.SetCapability(reference);
            answer.ResultExports = WriteDescriptors(message.CapTableIfAny, payload);

            // Pipelined calls go where the capability led at return time (see RpcServerCall.SetInnermostAtReturn).
            var pipeline = new SingleCapPipeline(InnermostNode(_bootstrap));
            (answer.Pipeline, answer.PipelineOwner) = (pipeline, pipeline);
        }

        _answers[answerId] = answer;
        Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Return, answerId));
    }

    /// <summary>Registers a call and delivers it to its target once the lock is left. Returns true: the call keeps
    /// the message (its parameters are read in place).</summary>
    private bool HandleCall(MessageReader message, Call call)
    {
        bool redirect = call.SendResultsTo.Which switch
        {
            Call.SendResultsToGroup.WhichCase.Caller => false,
            Call.SendResultsToGroup.WhichCase.Yourself => true,
            _ => throw new RpcProtocolException("Unsupported `Call.sendResultsTo`."),
        };

        uint answerId = call.QuestionId;
        if (_answers.ContainsKey(answerId))
            throw new RpcProtocolException("questionId is already in use");

        var target = GetMessageTarget(call.Target);
        IClientHook?[] caps;
        try
        {
            caps = ReceiveCaps(call.Params.CapTable);
        }
        catch
        {
            ReleaseLater(target);
            throw;
        }

        var serverCall = new RpcServerCall(this, answerId, call.InterfaceId, call.MethodId, call.Params.Content,
            new ReceivedParams(message, caps), redirect, onlyPromisePipeline: call.OnlyPromisePipeline && !redirect);
        message.CapTable = caps;
        _answers[answerId] = new Answer { Pipeline = serverCall, PipelineOwner = serverCall, Call = serverCall };

        // Delivered in arrival order, on this loop, before the next message is handled.
        After(() =>
        {
            try
            {
                target.Deliver(serverCall);
            }
            finally
            {
                target.Release();
            }
        });
        return true;
    }

    /// <summary>Handles a Return; true when its results keep the message.</summary>
    private bool HandleReturn(MessageReader message, Return ret)
    {
        uint questionId = ret.AnswerId;
        if (!_questions.TryGet(questionId, out var question))
            throw new RpcProtocolException("Invalid question ID in Return message.");
        if (!question.AwaitingReturn)
            throw new RpcProtocolException("Duplicate Return.");
        question.AwaitingReturn = false;

        var paramExports = question.ParamExports;
        question.ParamExports = [];
        if (ret.NoFinishNeeded)
            question.SkipFinish = true;

        bool kept = false;
        if (question.SelfRef is { } questionRef)
        {
            switch (ret.Which)
            {
                case Return.WhichCase.Results:
                    var payload = ret.Results;
                    var caps = ReceiveCaps(payload.CapTable);
                    message.CapTable = caps;
                    questionRef.Fulfil(new RemoteResults(message, payload.Content, caps));
                    kept = true;
                    break;
                case Return.WhichCase.Exception:
                    questionRef.Reject(RpcErrors.Read(ret.Exception));
                    break;
                case Return.WhichCase.Canceled:
                    throw new RpcProtocolException("Return message falsely claims call was canceled.");
                case Return.WhichCase.ResultsSentElsewhere:
                    throw new RpcProtocolException("`Return` had `resultsSentElsewhere` but this was not a tail call.");
                case Return.WhichCase.TakeFromOtherQuestion:
                    TakeFromOtherQuestion(questionRef, ret.TakeFromOtherQuestion);
                    break;
                default:
                    throw new RpcProtocolException("Unknown 'Return' type.");
            }
        }
        else
        {
            // Answer to a question this side let go of: Finish already said to drop the results' capabilities. A
            // tail call the peer made back to us for it is no longer wanted either.
            if (ret.Which == Return.WhichCase.TakeFromOtherQuestion &&
                _answers.TryGetValue(ret.TakeFromOtherQuestion, out var answer) && answer.Call is { RedirectResults: true } call)
            {
                call.RequestCancellation(dropIfUndelivered: true);
                SendBareReturn(call.AnswerId, resultsSentElsewhere: true);
                answer.Call = null;
            }

            _questions.Remove(questionId);
        }

        if (ret.ReleaseParamCaps)
            ReleaseExports(paramExports);
        return kept;
    }

    /// <summary>
    /// The peer answered our question with the results of a call it sent us with <c>sendResultsTo.yourself</c> (a
    /// call of ours it forwarded back to us): those results, once ready, are the answer, and the peer's call gets its
    /// Return (<c>resultsSentElsewhere</c>) now.
    /// </summary>
    private void TakeFromOtherQuestion(QuestionRef questionRef, uint answerId)
    {
        if (!_answers.TryGetValue(answerId, out var answer) || answer.Call is not { RedirectResults: true } call)
            throw new RpcProtocolException("`Return.takeFromOtherQuestion` had invalid answer ID.");
        SendBareReturn(answerId, resultsSentElsewhere: true);
        answer.Call = null;
        call.AddRef();
        After(() => call.Completion.ContinueWith(
            static (_, state) =>
            {
                var (connection, question, taken) = ((RpcConnectionState, QuestionRef, RpcServerCall))state!;
                using (connection.Lock())
                {
                    if (taken.Error is { } error)
                    {
                        question.Reject(RpcErrors.ForCaller(error));
                        connection.ReleaseLater(taken);
                    }
                    else
                    {
                        question.Fulfil(new RedirectedResults(taken));
                    }
                }
            },
            (this, questionRef, call), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
    }

    private void HandleFinish(Finish finish)
    {
        uint answerId = finish.QuestionId;

        // An unknown id is a Finish crossing our Return that said noFinishNeeded (or a peer that ignores the hint).
        if (!_answers.TryGetValue(answerId, out var answer) || answer.FinishReceived)
            return;
        answer.FinishReceived = true;
        if (finish.ReleaseResultCaps)
            ReleaseExports(answer.ResultExports);
        answer.ResultExports = [];

        var call = answer.Call;
        if (call is null)
        {
            RemoveAnswer(answerId, answer);
            return;
        }

        // The peer no longer wants the results. Peers older than Cap'n Proto 1.0 relied on calls being delivered
        // even when cancelled at once; for them the call is delivered first and then cancelled.
        bool workaround = finish.RequireEarlyCancellationWorkaround;
        After(() => call.RequestCancellation(dropIfUndelivered: !workaround));
        if (call.RedirectResults && call.IsCompleted)
        {
            // Results kept for a question of ours that never took them.
            SendBareReturn(answerId, resultsSentElsewhere: true);
            RemoveAnswer(answerId, answer);
            return;
        }

        // Pipelined calls are over; the entry goes when the call's (cancelled) Return is sent.
        answer.Pipeline = null;
        ReleaseLater(answer.PipelineOwner);
        answer.PipelineOwner = null;
    }

    private void HandleResolve(Resolve resolve)
    {
        CapNode replacement;
        switch (resolve.Which)
        {
            case Resolve.WhichCase.Cap:
                replacement = ReceiveCap(resolve.Cap) ?? throw new RpcProtocolException("'Resolve' contained 'CapDescriptor.none'.");
                break;
            case Resolve.WhichCase.Exception:
                replacement = new BrokenNode(RpcErrors.Read(resolve.Exception));
                break;
            default:
                throw new RpcProtocolException("Unknown 'Resolve' type.");
        }

        if (_imports.TryGetValue(resolve.PromiseId, out var entry))
        {
            if (entry.Promise is { } promise && promise.TryAddRef())
            {
                promise.Resolve(replacement);
                ReleaseLater(promise);
                return;
            }

            if (entry.Node is not null && !entry.IsPromise)
            {
                ReleaseLater(replacement);
                throw new RpcProtocolException("Got 'Resolve' for a non-promise import.");
            }
        }

        // A promise already released here: drop what it resolved to.
        ReleaseLater(replacement);
    }

    private void HandleDisembargo(Disembargo disembargo)
    {
        var context = disembargo.Context;
        switch (context.Which)
        {
            case Disembargo.ContextGroup.WhichCase.SenderLoopback:
                var target = GetMessageTarget(disembargo.Target);
                uint embargoId = context.SenderLoopback;
                After(() => _ = EchoDisembargoAsync(target, embargoId));
                break;
            case Disembargo.ContextGroup.WhichCase.ReceiverLoopback:
                if (!_embargoes.TryGet(context.ReceiverLoopback, out var embargo))
                    throw new RpcProtocolException("Invalid embargo ID in 'Disembargo.context.receiverLoopback'.");
                _embargoes.Remove(context.ReceiverLoopback);
                After(() =>
                {
                    embargo.Queue.Resolve(embargo.Target);
                    embargo.Queue.Release();
                });
                break;
            default:
                throw new RpcProtocolException("Unimplemented Disembargo type.");
        }
    }

    /// <summary>
    /// Echoes a <c>senderLoopback</c> Disembargo once its target has resolved and every call queued on it has been
    /// passed on, back along the path those calls took. The target must lead back to the peer.
    /// </summary>
    private async Task EchoDisembargoAsync(CapNode target, uint embargoId)
    {
        try
        {
            await target.WhenFullyResolvedAsync().ConfigureAwait(false);
            using (Lock())
            {
                if (_disconnectReason is not null)
                    return;
                var inner = target.Innermost();
                if (inner.Connection != this)
                    throw new RpcProtocolException("'Disembargo' of type 'senderLoopback' sent to an object that does not point back to the sender.");
                var message = new MessageBuilder(32);
                var echo = message.InitRoot<Message.Builder>().InitDisembargo();
                if (((RpcNode)inner).WriteTarget(echo.InitTarget()) is { } redirect)
                {
                    message.Dispose();
                    ReleaseLater(redirect);
                    throw new RpcProtocolException("'Disembargo' of type 'senderLoopback' sent to an object that does not appear to have been the subject of a previous 'Resolve' message.");
                }

                var context = echo.Context;
                context.ReceiverLoopback = embargoId;
                Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Disembargo, embargoId));
            }
        }
        catch (RpcProtocolException e)
        {
            Disconnect(new RpcException(e.Message), sendAbort: true);
        }
        finally
        {
            target.Release();
        }
    }

    /// <summary>The parameters of a received call: the message and the capabilities its table described.</summary>
    private sealed class ReceivedParams(MessageReader message, IClientHook?[] caps) : IDisposable
    {
        public void Dispose()
        {
            foreach (var cap in caps)
                cap?.Dispose();
            message.Dispose();
        }
    }
}
