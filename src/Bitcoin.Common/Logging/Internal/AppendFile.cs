using Bitcoin.Common.Util.Interop;
using Microsoft.Win32.SafeHandles;

namespace Bitcoin.Common.Logging.Internal;

/// <summary>
/// An unbuffered file opened for appending as C's <c>fopen(path, "a")</c>: on Linux with O_APPEND, so lines always go
/// to the end even if the file was truncated underneath (FileStream keeps its own offset and would leave a hole).
/// </summary>
internal sealed class AppendFile : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly FileStream? _stream;

    private AppendFile(SafeFileHandle handle) => _handle = handle;

    private AppendFile(FileStream stream) => _stream = stream;

    /// <summary>Opens (creating if needed) the file; null if it cannot be opened.</summary>
    internal static AppendFile? Open(string path)
    {
        if (OperatingSystem.IsLinux())
            return LibC.OpenAppend(path, out _) is { } handle ? new AppendFile(handle) : null;
        try
        {
            return new AppendFile(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Appends the bytes; errors (a full disk) are ignored as Core ignores fwrite's.</summary>
    internal void Write(ReadOnlySpan<byte> data)
    {
        if (_handle is not null)
        {
            LibC.WriteAll(_handle, data);
            return;
        }

        try
        {
            _stream!.Write(data);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _stream?.Dispose();
    }
}
