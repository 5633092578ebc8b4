using Bitcoin.Interfaces;

namespace Bitcoin.Ipc;

/// <summary>The <see cref="IEcho"/> a process serves (Core's <c>interfaces::MakeEcho</c>): answers with what it is sent.</summary>
public sealed class LocalEcho : IEcho
{
    /// <inheritdoc/>
    public string Echo(string echo)
    {
        ArgumentNullException.ThrowIfNull(echo);
        return echo;
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }
}
