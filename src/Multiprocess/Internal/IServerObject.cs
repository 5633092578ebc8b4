namespace Multiprocess.Internal;

/// <summary>What a connection needs of the server objects it keeps in creation order.</summary>
internal interface IServerObject
{
    /// <summary>Disposes the implementation (once).</summary>
    void DisposeImplementation();

    /// <summary>The implementation's type name, for log lines.</summary>
    string Describe();
}
