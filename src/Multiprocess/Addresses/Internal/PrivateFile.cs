namespace Multiprocess.Addresses.Internal;

/// <summary>Writes secrets (the TCP cookie, the TLS key) so that only the owner can read them and no reader sees half.</summary>
internal static class PrivateFile
{
    /// <summary>Writes <paramref name="contents"/> to a temporary file of mode 0600 beside <paramref name="path"/>, then renames it into place.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> contents)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(contents);
        }
        // A file left by an earlier run keeps its mode through FileMode.Create, so it is set again.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
