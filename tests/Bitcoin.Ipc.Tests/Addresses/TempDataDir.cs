namespace Bitcoin.Ipc.Tests.Addresses;

/// <summary>A short-named temporary data directory (Unix socket paths must stay under 108 bytes), deleted on dispose.</summary>
internal sealed class TempDataDir : IDisposable
{
    public TempDataDir()
    {
        Path = Directory.CreateTempSubdirectory("ipc").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A socket still being closed by another thread; the temporary directory is cleaned by the system.
        }
    }
}
