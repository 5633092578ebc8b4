using Capnp;
using Multiprocess.Tests.Schema;

namespace Multiprocess.Tests.Servers;

/// <summary>The Init a test process serves on one connection.</summary>
public sealed class TestInitServer : TestInit.Server
{
    private readonly IpcConnection _connection;

    public TestInitServer(IpcConnection connection, List<string>? disposals = null)
    {
        _connection = connection;
        Disposals = disposals ?? [];
    }

    /// <summary>Names of the services disposed, in order.</summary>
    public List<string> Disposals { get; }

    public override ValueTask ConstructAsync(CallContext<TestInit.ConstructParams, TestInit.ConstructResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.ThreadMap = _connection.AcceptThreadMap(context.Params.ThreadMap);
        return default;
    }

    public override ValueTask MakeServiceAsync(CallContext<TestInit.MakeServiceParams, TestInit.MakeServiceResults.Builder> context, CancellationToken cancellationToken) =>
        _connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            var impl = new ServiceImpl(call.Params.Name.ToString(), Disposals);
            using var service = TestService.Client.FromServer(new TestServiceServer(call.Connection.Adopt(impl)));
            var results = call.Results;
            results.Result = service;
        });

    public override ValueTask SpawnChildAsync(CallContext<TestInit.SpawnChildParams, TestInit.SpawnChildResults.Builder> context, CancellationToken cancellationToken) =>
        _connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            var child = IpcProcess.Spawn(TestChildName, AppContext.BaseDirectory);
            lock (Children)
                Children.Add(child);
            var results = call.Results;
            results.Result = child.Pid;
        });

    /// <summary>The test child executable's name.</summary>
    public const string TestChildName = "Multiprocess.TestChild";

    /// <summary>Children spawned by spawnChild, kept for as long as this process lives.</summary>
    public static List<SpawnedProcess> Children { get; } = [];

    public override ValueTask ProcessIdAsync(CallContext<TestInit.ProcessIdParams, TestInit.ProcessIdResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.Result = Environment.ProcessId;
        return default;
    }
}
