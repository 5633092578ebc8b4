namespace Capnp.Tests.Support;

/// <summary>
/// A minimal in-process stand-in for the RPC layer: calls on the hook run the server directly, parameters and
/// results travel in real messages with capability tables, and pipelined capabilities resolve once the answer
/// arrives. Enough to exercise the generated client and server shapes.
/// </summary>
internal sealed class LoopbackCapability(CapabilityServer server) : IClientHook
{
    public IRequestHook NewCall(ulong interfaceId, ushort methodId) => new Request(server, interfaceId, methodId);

    public void Dispose()
    {
    }

    private sealed class Request(CapabilityServer server, ulong interfaceId, ushort methodId) : IRequestHook
    {
        private readonly MessageBuilder _params = new();

        public AnyPointerBuilder Params => _params.Root;

        public IPromisedAnswer Send() => new Answer(RunAsync());

        public void Dispose()
        {
        }

        private async Task<IResponseHook> RunAsync()
        {
            // Round-trip the parameters through the framing, as a connection would, keeping the capability table.
            var sent = Framing.ReadMessage(_params.ToFramedArray());
            sent.CapTable = [.. _params.CapTable];
            var context = new Context(sent.Root);
            await server.DispatchAsync(interfaceId, methodId, context).ConfigureAwait(false);
            var received = Framing.ReadMessage(context.ResultsMessage.ToFramedArray());
            received.CapTable = [.. context.ResultsMessage.CapTable];
            return new Response(received.Root);
        }
    }

    private sealed class Context(AnyPointerReader parameters) : ICallContextHook
    {
        public MessageBuilder ResultsMessage { get; } = new();

        public AnyPointerReader Params { get; private set; } = parameters;

        public AnyPointerBuilder Results => ResultsMessage.Root;

        public void ReleaseParams() => Params = default;
    }

    private sealed class Response(AnyPointerReader results) : IResponseHook
    {
        public AnyPointerReader Results { get; } = results;

        public void Dispose()
        {
        }
    }

    private sealed class Answer(Task<IResponseHook> response) : IPromisedAnswer
    {
        public ValueTask<IResponseHook> GetResponseAsync(CancellationToken cancellationToken = default) =>
            new(response.WaitAsync(cancellationToken));

        public IClientHook GetPipelinedCapability(PipelinePath path) => new Promised(response, path);

        public void Dispose()
        {
        }
    }

    /// <summary>A capability in results not yet returned: calls wait for the results, then go to it.</summary>
    private sealed class Promised(Task<IResponseHook> response, PipelinePath path) : IClientHook
    {
        public IRequestHook NewCall(ulong interfaceId, ushort methodId) => new PromisedRequest(this, interfaceId, methodId);

        public void Dispose()
        {
        }

        public async Task<IClientHook> ResolveAsync()
        {
            var results = (await response.ConfigureAwait(false)).Results.GetStruct();
            var fields = path.Fields.ToArray();
            for (int i = 0; i < fields.Length - 1; i++)
                results = results.ReadStruct(fields[i]);
            return results.ReadCapability(fields[^1]) ?? throw new InvalidOperationException("pipelined capability is null");
        }

        private sealed class PromisedRequest(Promised target, ulong interfaceId, ushort methodId) : IRequestHook
        {
            private readonly MessageBuilder _params = new();

            public AnyPointerBuilder Params => _params.Root;

            public IPromisedAnswer Send() => new Answer(ForwardAsync());

            public void Dispose()
            {
            }

            private async Task<IResponseHook> ForwardAsync()
            {
                var resolved = await target.ResolveAsync().ConfigureAwait(false);
                var forwarded = resolved.NewCall(interfaceId, methodId);
                var reader = _params.AsReader();
                forwarded.Params.SetFrom(reader.Root);
                return await forwarded.Send().GetResponseAsync().ConfigureAwait(false);
            }
        }
    }
}
