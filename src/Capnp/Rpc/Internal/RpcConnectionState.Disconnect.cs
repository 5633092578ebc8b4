namespace Capnp.Rpc.Internal;

/// <summary>Losing the connection: everything in the tables ends at once.</summary>
internal sealed partial class RpcConnectionState
{
    /// <summary>
    /// Ends the connection (once): questions fail with a <see cref="RpcDisconnectedException"/>, running calls are
    /// cancelled, everything exported to the peer is released, imported promises and embargoes break, and (when
    /// <paramref name="sendAbort"/>) an Abort carrying <paramref name="reason"/> is the last message written.
    /// </summary>
    public void Disconnect(Exception reason, bool sendAbort)
    {
        using (Lock())
        {
            if (_disconnectReason is not null)
                return;
            var error = reason as RpcDisconnectedException ?? new RpcDisconnectedException(reason.Message, reason);
            Volatile.Write(ref _disconnectReason, error);

            foreach (var (_, question) in _questions.Entries())
                question.SelfRef?.Reject(error);
            _questions.Clear();

            foreach (var (_, answer) in _answers)
            {
                if (answer.Call is { } call)
                    After(() => call.RequestCancellation(dropIfUndelivered: true));
                ReleaseLater(answer.PipelineOwner);
            }

            _answers.Clear();

            foreach (var (_, export) in _exports.Entries())
            {
                export.Resolving = null;
                ReleaseLater(export.Node);
            }

            _exports.Clear();
            _exportsByNode.Clear();

            foreach (var import in _imports.Values)
            {
                if (import.Promise is { } promise && promise.TryAddRef())
                {
                    promise.Resolve(new BrokenNode(error));
                    ReleaseLater(promise);
                }
            }

            _imports.Clear();

            foreach (var (_, embargo) in _embargoes.Entries())
            {
                After(() =>
                {
                    embargo.Queue.Resolve(new BrokenNode(error));
                    embargo.Queue.Release();
                    embargo.Target.Release();
                });
            }

            _embargoes.Clear();

            if (sendAbort)
                SendAbort(reason);
            WakeWriter();
            After(() => _disconnected.TrySetResult(error));
        }
    }
}
