using Bitcoin.Interfaces;

namespace Bitcoin.Ipc.Tests.Init;

/// <summary>An <see cref="IInit"/> whose factories the test chooses (null ones use the interface's defaults: not provided).</summary>
internal sealed class TestInit : IInit
{
    public Func<IEcho?>? Echo { get; init; }

    public Func<IRpc?>? Rpc { get; init; }

    public IEcho? MakeEcho() => Echo is null ? null : Echo();

    public IRpc? MakeRpc() => Rpc is null ? null : Rpc();
}
