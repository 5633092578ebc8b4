namespace Bitcoin.Ipc.Tests.Addresses;

/// <summary>Checks of Unix file permissions (skipped where there are none, on Windows).</summary>
internal static class FileModes
{
    public static void AssertOwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
