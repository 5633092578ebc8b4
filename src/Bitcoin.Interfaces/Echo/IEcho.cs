namespace Bitcoin.Interfaces;

/// <summary>
/// A test object that answers with what it is sent (Core's <c>interfaces::Echo</c>): made by
/// <see cref="IInit.MakeEcho"/> to check that an IPC connection works end to end. <see cref="IDisposable.Dispose"/>
/// is the IPC <c>destroy</c>.
/// </summary>
public interface IEcho : IDisposable
{
    /// <summary>Returns <paramref name="echo"/> unchanged.</summary>
    string Echo(string echo);
}
