using System.Runtime.InteropServices;

namespace Bitcoin.Node.Init.Interop;

/// <summary>
/// The libc calls start-up needs on Linux: the file creation mask, a pipe, <c>posix_spawn</c> with <c>POSIX_SPAWN_SETSID</c> to start the
/// detached daemon (.NET cannot fork), and raw reads and writes on the pipe. Callers check the platform first.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    internal const int O_RDWR = 2;
    internal const int O_CLOEXEC = 0x80000;
    internal const int F_SETFD = 2;
    internal const int FD_CLOEXEC = 1;
    internal const int EINTR = 4;

    // glibc's posix_spawn flags (spawn.h).
    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;
    internal const short POSIX_SPAWN_SETSID = 0x80;

    // posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 bytes on 64-bit glibc; sigset_t is 128 bytes.
    // Generous buffers keep us safe on any libc layout.
    internal const int OpaqueBufferSize = 1024;

    [LibraryImport(Library, EntryPoint = "umask")]
    internal static partial uint Umask(uint mask);

    [LibraryImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int FcntlInt(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "posix_spawn", SetLastError = true)]
    internal static partial int PosixSpawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_init")]
    internal static partial int FileActionsInit(void* fileActions);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static partial int FileActionsDestroy(void* fileActions);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static partial int FileActionsAddDup2(void* fileActions, int fd, int newFd);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addopen")]
    internal static partial int FileActionsAddOpen(void* fileActions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_init")]
    internal static partial int SpawnAttrInit(void* attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_destroy")]
    internal static partial int SpawnAttrDestroy(void* attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setflags")]
    internal static partial int SpawnAttrSetFlags(void* attributes, short flags);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigmask")]
    internal static partial int SpawnAttrSetSigMask(void* attributes, void* sigset);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static partial int SpawnAttrSetSigDefault(void* attributes, void* sigset);

    [LibraryImport(Library, EntryPoint = "sigemptyset")]
    internal static partial int SigEmptySet(void* sigset);

    [LibraryImport(Library, EntryPoint = "sigfillset")]
    internal static partial int SigFillSet(void* sigset);

    /// <summary>The message for an errno, as <c>strerror</c>.</summary>
    internal static string ErrorMessage(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
