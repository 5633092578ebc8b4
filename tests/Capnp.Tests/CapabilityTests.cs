using Capnp.Tests.Schema;
using Capnp.Tests.Support;

namespace Capnp.Tests;

/// <summary>Capability pointers and the generated client/server shapes the RPC layer plugs into.</summary>
public sealed class CapabilityTests
{
    private sealed class TestWidget(string name) : Widget.Server
    {
        public uint Area { get; private set; }

        public override ValueTask GetNameAsync(CallContext<Widget.GetNameParams, Widget.GetNameResults.Builder> context, CancellationToken cancellationToken)
        {
            context.Results.SetName(name);
            return default;
        }

        public override ValueTask ResizeAsync(CallContext<Widget.ResizeParams, Widget.ResizeResults.Builder> context, CancellationToken cancellationToken)
        {
            Area = context.Params.Width * context.Params.Height;
            return default;
        }

        public override ValueTask DescribeAsync(CallContext<Inner, Inner.Builder> context, CancellationToken cancellationToken)
        {
            var results = context.Results;
            results.Id = context.Params.Id + 1;
            results.SetLabel("described " + context.Params.Label);
            return default;
        }
    }

    private sealed class TestGadget : Gadget.Server
    {
        public override ValueTask ActivateAsync(CallContext<Gadget.ActivateParams, Gadget.ActivateResults.Builder> context, CancellationToken cancellationToken)
        {
            var level = context.Params.Level;
            var results = context.Results;
            results.Widget = new Widget.Client(new LoopbackCapability(new TestWidget("widget at level " + level)));
            results.InitInner().Id = (uint)level;
            return default;
        }

        public override ValueTask ConfigureAsync(CallContext<Gadget.ConfigureParams, Gadget.ConfigureResults.Builder> context, CancellationToken cancellationToken)
        {
            var results = context.Results;
            results.Ok = context.Params.Mode == Gadget.Mode.On && context.Params.Settings.Volume == 11;
            return default;
        }

        public override ValueTask GetNameAsync(CallContext<Widget.GetNameParams, Widget.GetNameResults.Builder> context, CancellationToken cancellationToken)
        {
            context.Results.SetName("gadget");
            return default;
        }

        public override ValueTask ResizeAsync(CallContext<Widget.ResizeParams, Widget.ResizeResults.Builder> context, CancellationToken cancellationToken) => default;

        public override ValueTask DescribeAsync(CallContext<Inner, Inner.Builder> context, CancellationToken cancellationToken) => default;

        public override ValueTask LabelAsync(CallContext<Labelled.LabelParams, Labelled.LabelResults.Builder> context, CancellationToken cancellationToken)
        {
            context.Results.SetLabel("labelled gadget");
            return default;
        }
    }

    [Fact]
    public void InterfaceIdsAndOrdinalsComeFromTheSchema()
    {
        // Ids as `capnp compile -ocapnp tests/Capnp.Tests/Schemas/test.capnp` reports them.
        Assert.Equal(0xbf26579af20ce71bUL, Inner.TypeId);
        Assert.Equal(0xf7c39fa43d26f506UL, TestSchema.FileId);
        Assert.Equal((ushort)2, Widget.Methods.Describe);
        Assert.Equal((ushort)1, Gadget.Methods.Configure);
        Assert.Equal(Widget.InterfaceId, Widget.Client.InterfaceId);
    }

    [Fact]
    public async Task CallsReachTheServerAndResultsComeBack()
    {
        var server = new TestWidget("w1");
        var widget = new Widget.Client(new LoopbackCapability(server));
        using (var request = widget.ResizeRequest())
        {
            var p = request.Params;
            p.Width = 6;
            p.Height = 7;
            using var _ = await request.CallAsync();
        }

        Assert.Equal(42u, server.Area);

        using var describe = widget.DescribeRequest();
        var parameters = describe.Params;
        parameters.Id = 1;
        parameters.SetLabel("thing");
        using var response = await describe.CallAsync();
        Assert.Equal((2u, "described thing"), (response.Results.Id, response.Results.Label.ToString()));
    }

    [Fact]
    public async Task SuperclassMethodsDispatchByTheSuperclassInterfaceId()
    {
        var gadget = new Gadget.Client(new LoopbackCapability(new TestGadget()));
        Widget.Client asWidget = gadget;
        Labelled.Client asLabelled = gadget;
        using var name = await asWidget.GetNameRequest().CallAsync();
        Assert.Equal("gadget", (string)name.Results.Name);
        using var label = await asLabelled.LabelRequest().CallAsync();
        Assert.Equal("labelled gadget", (string)label.Results.Label);
    }

    [Fact]
    public async Task DefaultParameterValuesApplyWhenTheCallerLeavesThemUnset()
    {
        var gadget = new Gadget.Client(new LoopbackCapability(new TestGadget()));
        using var response = await gadget.ActivateRequest().CallAsync();
        Assert.Equal(3u, response.Results.Inner.Id);
    }

    [Fact]
    public async Task NestedTypesOfAnInterfaceTravelAsParameters()
    {
        var gadget = new Gadget.Client(new LoopbackCapability(new TestGadget()));
        var request = gadget.ConfigureRequest();
        var p = request.Params;
        p.Mode = Gadget.Mode.On;
        var settings = p.InitSettings();
        settings.Volume = 11;
        using var response = await request.CallAsync();
        Assert.True(response.Results.Ok);
    }

    [Fact]
    public async Task PipelinedCapabilityIsCalledBeforeTheResultsAreAwaited()
    {
        var gadget = new Gadget.Client(new LoopbackCapability(new TestGadget()));
        var activate = gadget.ActivateRequest();
        var p = activate.Params;
        p.Level = 9;
        using var pending = activate.Send();
        var pipelinedWidget = new Gadget.ActivateResults.Pipeline(pending.Answer).Widget;
        using var name = await pipelinedWidget.GetNameRequest().CallAsync();
        Assert.Equal("widget at level 9", (string)name.Results.Name);
        using var results = await pending.GetResponseAsync();
        Assert.Equal(9u, results.Results.Inner.Id);
    }

    [Fact]
    public async Task UnknownMethodsAreUnimplemented()
    {
        var hook = new LoopbackCapability(new TestGadget());
        var call = hook.NewCall(Gadget.InterfaceId, 99);
        var e = await Assert.ThrowsAsync<UnimplementedMethodException>(async () => await call.Send().GetResponseAsync());
        Assert.Equal((Gadget.InterfaceId, (ushort)99), (e.InterfaceId, e.MethodId));
        var other = hook.NewCall(0x1234, 0);
        await Assert.ThrowsAsync<UnimplementedMethodException>(async () => await other.Send().GetResponseAsync());
    }

    [Fact]
    public void CapabilityPointersIndexTheCapTableAndDeepCopiesCarryThem()
    {
        var first = new LoopbackCapability(new TestWidget("a"));
        var second = new LoopbackCapability(new TestWidget("b"));
        using var builder = new MessageBuilder();
        var root = builder.InitRoot<TestAllTypes.Builder>();
        root.CapField = new Widget.Client(first);
        var list = root.InitCapList(2);
        list.Set(0, new Widget.Client(second));
        list.Set(1, default);
        Assert.Equal([first, second], builder.CapTable);

        var received = Framing.ReadMessage(builder.ToFramedArray());
        received.CapTable = [.. builder.CapTable];
        var reader = received.GetRoot<TestAllTypes>();
        Assert.Same(first, reader.CapField.Hook);
        Assert.Same(second, reader.CapList[0].Hook);
        Assert.True(reader.CapList[1].IsNull);

        // Forwarding: copy the struct into another message, whose table gets the capabilities.
        using var forward = new MessageBuilder();
        forward.CapTable.Add(null);
        forward.Root.SetFrom(received.Root);
        var copy = forward.AsReader().GetRoot<TestAllTypes>();
        Assert.Same(first, copy.CapField.Hook);
        Assert.Same(second, copy.CapList[0].Hook);
        Assert.Equal(3, forward.CapTable.Count);
    }

    [Fact]
    public void AnyPointerFieldTakesAStructFromAnotherMessage()
    {
        using var other = new MessageBuilder();
        var inner = other.InitRoot<Inner.Builder>();
        inner.Id = 77;
        inner.SetLabel("from elsewhere");
        using var builder = new MessageBuilder();
        builder.InitRoot<TestAllTypes.Builder>().AnyField.SetFrom(other.AsReader().Root);
        var any = Framing.ReadMessage(builder.ToFramedArray()).GetRoot<TestAllTypes>().AnyField;
        Assert.Equal(PointerKind.Struct, any.Kind);
        Assert.Equal("from elsewhere", (string)any.GetStruct<Inner>().Label);
    }
}
