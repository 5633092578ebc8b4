namespace Multiprocess.Tests.Servers;

/// <summary>The implementation behind a TestService: records its disposal in a list shared by its creator.</summary>
public sealed class ServiceImpl : IDisposable
{
    private readonly List<string> _disposals;

    public ServiceImpl(string name, List<string> disposals)
    {
        Name = name;
        _disposals = disposals;
    }

    public string Name { get; }

    public void Dispose()
    {
        lock (_disposals)
            _disposals.Add(Name);
    }
}
