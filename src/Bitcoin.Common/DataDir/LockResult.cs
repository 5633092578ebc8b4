namespace Bitcoin.Common.DataDir;

/// <summary>The outcome of <see cref="DirectoryLock.LockDirectory"/>.</summary>
public enum LockResult
{
    /// <summary>The lock is held (or, when probing, could be taken).</summary>
    Success,

    /// <summary>The lock file could not be created: the directory is not writable.</summary>
    ErrorWrite,

    /// <summary>Another holder (normally another node process) has the lock.</summary>
    ErrorLock,
}
