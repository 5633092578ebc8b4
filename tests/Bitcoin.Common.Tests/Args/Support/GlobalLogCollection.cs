namespace Bitcoin.Common.Tests.Args.Support;

/// <summary>Tests that install a sink on the process-wide <c>Log</c> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalLogCollection
{
    public const string Name = "Global log";
}
