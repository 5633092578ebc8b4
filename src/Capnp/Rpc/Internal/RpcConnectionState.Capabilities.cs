using Capnp.Rpc.Protocol;
using Exception = System.Exception;

namespace Capnp.Rpc.Internal;

/// <summary>Capabilities crossing the connection: describing them (exports, reflection), receiving them (imports),
/// the export table's reference counts, and promises exported before they resolve.</summary>
internal sealed partial class RpcConnectionState
{
    /// <summary>Describes a message's capability table in its payload; returns the exports whose counts rose.</summary>
    private uint[] WriteDescriptors(IReadOnlyList<IClientHook?>? caps, Payload.Builder payload)
    {
        // No table at all when there are no capabilities (an empty list would still cost a word).
        if (caps is null || caps.Count == 0)
            return [];
        var table = payload.InitCapTable(caps.Count);
        var exports = new List<uint>(caps.Count);
        for (int i = 0; i < caps.Count; i++)
        {
            var descriptor = table[i];
            if (caps[i] is not { } hook)
            {
                descriptor.SetNone();
                continue;
            }

            var node = CapNode.FromHook(hook);
            try
            {
                if (WriteDescriptor(node, descriptor) is { } exportId)
                    exports.Add(exportId);
            }
            finally
            {
                ReleaseLater(node);
            }
        }

        return [.. exports];
    }

    /// <summary>
    /// Describes one capability: a capability of the peer travels back as the peer's own (<c>receiverHosted</c>,
    /// <c>receiverAnswer</c>), never re-exported; any other is exported, reusing its id and raising its count if it
    /// was exported before, as a promise (<c>senderPromise</c>) when it is not settled yet.
    /// </summary>
    public uint? WriteDescriptor(CapNode node, CapDescriptor.Builder descriptor)
    {
        var inner = node.Innermost();
        if (inner.Connection == this)
            return ((RpcNode)inner).WriteDescriptor(descriptor);

        if (_exportsByNode.TryGetValue(inner, out uint id) && _exports.TryGet(id, out var existing))
        {
            existing.RefCount++;
            if (existing.Resolving is not null)
                descriptor.SenderPromise = id;
            else
                descriptor.SenderHosted = id;
            return id;
        }

        inner.AddRef();
        var export = new Export { RefCount = 1, Node = inner };
        id = _exports.Add(export);
        _exportsByNode[inner] = id;
        if (inner.WhenMoreResolved is { } resolution)
        {
            export.Resolving = new object();
            WatchExportedPromise(id, export.Resolving, inner, resolution);
            descriptor.SenderPromise = id;
        }
        else
        {
            descriptor.SenderHosted = id;
        }

        return id;
    }

    /// <summary>Addresses a message to <paramref name="node"/>, or returns (with a new reference) the node it must go
    /// to instead when that is not a capability of this connection.</summary>
    public CapNode? WriteTarget(CapNode node, MessageTarget.Builder target)
    {
        if (node.Connection == this)
            return ((RpcNode)node).WriteTarget(target);
        node.AddRef();
        return node;
    }

    /// <summary>The node at the bottom of <paramref name="node"/>'s resolved promises, with a new reference.</summary>
    public CapNode InnermostNode(CapNode node)
    {
        var inner = node.Innermost();
        if (inner.Connection == this)
            return ((RpcNode)inner).InnermostNode();
        inner.AddRef();
        return inner;
    }

    /// <summary>The capabilities a payload's table describes, each a new reference (null entries for none).</summary>
    private IClientHook?[] ReceiveCaps(StructListReader<CapDescriptor> table)
    {
        if (table.Count == 0)
            return [];
        var caps = new IClientHook?[table.Count];
        try
        {
            for (int i = 0; i < caps.Length; i++)
                caps[i] = ReceiveCap(table[i]) is { } node ? new CapabilityRef(node) : null;
        }
        catch
        {
            foreach (var cap in caps)
                DisposeLater(cap);
            throw;
        }

        return caps;
    }

    /// <summary>The capability a descriptor describes, with a new reference (null for <c>none</c>).</summary>
    private CapNode? ReceiveCap(CapDescriptor descriptor)
    {
        switch (descriptor.Which)
        {
            case CapDescriptor.WhichCase.None:
                return null;
            case CapDescriptor.WhichCase.SenderHosted:
                return Import(descriptor.SenderHosted, isPromise: false);
            case CapDescriptor.WhichCase.SenderPromise:
                return Import(descriptor.SenderPromise, isPromise: true);
            case CapDescriptor.WhichCase.ReceiverHosted:
                if (_exports.TryGet(descriptor.ReceiverHosted, out var export))
                    return BlockReflection(export.Node);
                return new BrokenNode(new RpcException("invalid 'receiverHosted' export ID"));
            case CapDescriptor.WhichCase.ReceiverAnswer:
                var promised = descriptor.ReceiverAnswer;
                if (_answers.TryGetValue(promised.QuestionId, out var answer) && answer.Pipeline is { } pipeline)
                {
                    var node = pipeline.GetPipelinedNode(ReadTransform(promised));
                    if (node.Connection == this)
                    {
                        var blocked = new TribbleRaceBlocker(node);
                        return blocked;
                    }

                    return node;
                }

                return new BrokenNode(new RpcException("invalid 'receiverAnswer'"));
            case CapDescriptor.WhichCase.ThirdPartyHosted:
                // A level 1 implementation calls the vine, which the sender proxies to the third party.
                return Import(descriptor.ThirdPartyHosted.VineId, isPromise: false);
            default:
                throw new RpcProtocolException("unknown CapDescriptor type");
        }
    }

    /// <summary>Our own export, received back; wrapped when it points back over the connection (see
    /// <see cref="TribbleRaceBlocker"/>).</summary>
    private CapNode BlockReflection(CapNode node)
    {
        node.AddRef();
        return node.Connection == this ? new TribbleRaceBlocker(node) : node;
    }

    /// <summary>A capability the peer exported: the existing import (its count raised) or a new one; a promise
    /// import is wrapped in a <see cref="PromiseNode"/> that its Resolve will resolve.</summary>
    private CapNode Import(uint importId, bool isPromise)
    {
        if (!_imports.TryGetValue(importId, out var entry))
        {
            entry = new Import();
            _imports[importId] = entry;
        }

        ImportNode node;
        if (entry.Node is { } existing && existing.TryAddRef())
        {
            node = existing;
        }
        else
        {
            node = new ImportNode(this, importId);
            entry.Node = node;
            entry.Promise = null;
            entry.IsPromise = false;
        }

        // The peer sent the id once more: its count rose by one, released with the import.
        node.RemoteRefCount++;
        if (!isPromise)
            return node;

        if (entry.Promise is { } promise && promise.TryAddRef())
        {
            ReleaseLater(node);
            return promise;
        }

        promise = new PromiseNode(this, node, importId);
        entry.Promise = promise;
        entry.IsPromise = true;
        return promise;
    }

    /// <summary>The pipeline path of a PromisedAnswer; an operation this side does not know breaks the protocol.</summary>
    private static PipelinePath ReadTransform(PromisedAnswer promised)
    {
        var path = PipelinePath.Empty;
        foreach (var op in promised.Transform)
        {
            switch (op.Which)
            {
                case PromisedAnswer.Op.WhichCase.Noop:
                    break;
                case PromisedAnswer.Op.WhichCase.GetPointerField:
                    path = path.Append(op.GetPointerField);
                    break;
                default:
                    throw new RpcProtocolException("Unsupported pipeline op.");
            }
        }

        return path;
    }

    /// <summary>The capability a message is addressed to, with a new reference.</summary>
    private CapNode GetMessageTarget(MessageTarget target)
    {
        switch (target.Which)
        {
            case MessageTarget.WhichCase.ImportedCap:
                if (_exports.TryGet(target.ImportedCap, out var export))
                {
                    export.Node.AddRef();
                    return export.Node;
                }

                throw new RpcProtocolException("Message target is not a current export ID.");
            case MessageTarget.WhichCase.PromisedAnswer:
                var promised = target.PromisedAnswer;
                var path = ReadTransform(promised);
                if (_answers.TryGetValue(promised.QuestionId, out var answer) && answer.Pipeline is { } pipeline)
                    return pipeline.GetPipelinedNode(path);
                return new BrokenNode(new RpcException(
                    "Pipeline call on a request that returned no capabilities or was already closed."));
            default:
                throw new RpcProtocolException("Unknown message target type.");
        }
    }

    /// <summary>Lowers an export's count; at zero the entry goes. A count below zero breaks the protocol.</summary>
    private void ReleaseExport(uint exportId, uint count)
    {
        if (!_exports.TryGet(exportId, out var export))
            throw new RpcProtocolException("Tried to release invalid export ID.");
        if (count > export.RefCount)
            throw new RpcProtocolException("Tried to drop export's refcount below zero.");
        export.RefCount -= count;
        if (export.RefCount > 0)
            return;
        if (_exportsByNode.TryGetValue(export.Node, out uint mapped) && mapped == exportId)
            _exportsByNode.Remove(export.Node);
        export.Resolving = null;
        _exports.Remove(exportId);
        ReleaseLater(export.Node);
    }

    private void ReleaseExports(uint[] exports)
    {
        foreach (var id in exports)
        {
            // Our own lists: an id already gone means the peer released it early; the C++ library tolerates it too.
            if (_exports.TryGet(id, out _))
                ReleaseExport(id, 1);
        }
    }

    /// <summary>Waits for an exported promise to resolve, then tells the peer what it resolved to (Resolve).</summary>
    private void WatchExportedPromise(uint exportId, object token, CapNode promise, Task resolution) =>
        After(() => resolution.ContinueWith(
            static (_, state) =>
            {
                var (connection, id, watch, node) = ((RpcConnectionState, uint, object, CapNode))state!;
                connection.OnExportedPromiseResolved(id, watch, node);
            },
            (this, exportId, token, promise), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default));

    private void OnExportedPromiseResolved(uint exportId, object token, CapNode promise)
    {
        using (Lock())
        {
            if (_disconnectReason is not null || !_exports.TryGet(exportId, out var export) || export.Resolving != token)
                return;

            // The export now stands for the innermost capability the promise led to, so that a Disembargo the peer
            // sends back through it is echoed along the same path as earlier calls.
            var resolution = InnermostNode(promise.Resolved ?? promise);
            if (_exportsByNode.TryGetValue(export.Node, out uint mapped) && mapped == exportId)
                _exportsByNode.Remove(export.Node);
            ReleaseLater(export.Node);
            export.Node = resolution;

            if (resolution.Connection != this && resolution.WhenMoreResolved is { } more &&
                _exportsByNode.TryAdd(resolution, exportId))
            {
                // Resolved to another local promise not exported yet: the same id stands for it, no message needed.
                export.Resolving = new object();
                WatchExportedPromise(exportId, export.Resolving, resolution, more);
                return;
            }

            export.Resolving = null;
            var message = new MessageBuilder(32);
            var resolve = message.InitRoot<Message.Builder>().InitResolve();
            resolve.PromiseId = exportId;
            if (resolution is BrokenNode broken)
                RpcErrors.Write(broken.Exception, resolve.InitException());
            else
                WriteDescriptor(resolution, resolve.InitCap());
            Enqueue(new OutgoingMessage(message, null, RpcMessageKind.Resolve, exportId));
        }
    }
}
