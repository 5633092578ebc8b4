using System.Diagnostics;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.DataDir;

/// <summary>The data directory lock (Core's util::LockDirectory and feature_filelock.py's message).</summary>
[Collection(GlobalLogCollection.Name)]
public sealed class DirectoryLockTests
{
    [Fact]
    public void SecondHolderIsRefusedWithCoresMessage()
    {
        using var dir = new TempDirectory();
        try
        {
            Assert.True(DirectoryLock.TryLockDirectory(dir.Path, probeOnly: false, out var error), error);
            Assert.True(File.Exists(dir.Combine(".lock")));

            // Re-locking a directory this process holds succeeds, as in Core.
            Assert.Equal(LockResult.Success, DirectoryLock.LockDirectory(dir.Path));

            // Another holder (here: another process) is refused.
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(1, RunFlockProbe(dir.Combine(".lock")));
            }
        }
        finally
        {
            DirectoryLock.ReleaseDirectoryLocks();
        }

        if (!OperatingSystem.IsWindows())
            Assert.Equal(0, RunFlockProbe(dir.Combine(".lock")));
    }

    [Fact]
    public void ProbeDoesNotKeepTheLock()
    {
        using var dir = new TempDirectory();
        Assert.Equal(LockResult.Success, DirectoryLock.LockDirectory(dir.Path, probeOnly: true));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(0, RunFlockProbe(dir.Combine(".lock")));
    }

    [Fact]
    public void LockHeldElsewhereInTheSameProcessIsDetected()
    {
        // The lock is per open file, so even a second descriptor in this process conflicts: this is what a second node
        // started in-process (tests) or a second bitcoind sees.
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new TempDirectory();
        try
        {
            Assert.Equal(LockResult.Success, DirectoryLock.LockDirectory(dir.Path, "first.lock"));
            using var handle = File.OpenHandle(dir.Combine("first.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            Assert.NotEqual(0, Bitcoin.Common.Util.Interop.LibC.TryWriteLock(handle));
            DirectoryLock.UnlockDirectory(dir.Path, "first.lock");
            Assert.Equal(0, Bitcoin.Common.Util.Interop.LibC.TryWriteLock(handle));
        }
        finally
        {
            DirectoryLock.ReleaseDirectoryLocks();
        }
    }

    [Fact]
    public void LockFailureMessagesAreCores()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new TempDirectory();
        try
        {
            Assert.Equal(LockResult.Success, DirectoryLock.LockDirectory(dir.Path));
            using var handle = File.OpenHandle(dir.Combine(".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            DirectoryLock.ReleaseDirectoryLocks();
            Assert.Equal(0, Bitcoin.Common.Util.Interop.LibC.TryWriteLock(handle));
            Assert.False(DirectoryLock.TryLockDirectory(dir.Path, probeOnly: true, out var error));
            Assert.Equal($"Cannot obtain a lock on directory {dir.Path}. Bitcoin Core is probably already running.", error);
        }
        finally
        {
            DirectoryLock.ReleaseDirectoryLocks();
        }

        var missing = dir.Combine("missing");
        Assert.False(DirectoryLock.TryLockDirectory(missing, probeOnly: true, out var writeError));
        Assert.Equal($"Cannot write to directory '{missing}'; check permissions.", writeError);
    }

    // Another process tries the classic POSIX record lock that Bitcoin Core takes (python3's fcntl.lockf): exit 1 if
    // refused, 0 if it got the lock. python3 is installed by .ci/run; without it the test fails rather than skips.
    private static int RunFlockProbe(string path)
    {
        var script = "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\nexcept OSError:\n sys.exit(1)\nsys.exit(0)\n";
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.WaitForExit();
        return process.ExitCode;
    }
}
