using System.Collections;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Multiprocess.Interop;

namespace Multiprocess.Spawning;

/// <summary>
/// Starts a child with <c>posix_spawn</c>, its end of a socket pair passed as <c>-ipcfd &lt;n&gt;</c>. Every
/// descriptor of this process is close-on-exec; the file action <c>dup2(n, n)</c> clears the flag on the child's
/// end in the child only (glibc 2.29 and later), so no other process started meanwhile inherits it.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static unsafe class UnixSpawner
{
    private const int SIGKILL = 9;
    private const int SIGSTOP = 19;

    /// <summary>Starts <paramref name="path"/> <c>-ipcfd &lt;fd&gt;</c>; returns its pid and this side's socket descriptor.</summary>
    public static (int Pid, int ParentFd) Spawn(string path)
    {
        var (parentFd, childFd) = SocketPairs.CreateDescriptors();
        try
        {
            int pid = SpawnWithDescriptor(path, childFd);
            return (pid, parentFd);
        }
        catch
        {
            LibC.Close(parentFd);
            throw;
        }
        finally
        {
            LibC.Close(childFd);
        }
    }

    private static int SpawnWithDescriptor(string path, int childFd)
    {
        string[] argv = [path, "-ipcfd", childFd.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var environment = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            environment.Add($"{entry.Key}={entry.Value}");

        var allocations = new List<IntPtr>();
        // Opaque libc structures, allocated generously (glibc's are 80, 336 and 128 bytes).
        void* fileActions = NativeMemory.AllocZeroed(1024);
        void* attributes = NativeMemory.AllocZeroed(1024);
        void* signals = NativeMemory.AllocZeroed(1024);
        try
        {
            byte* pathBytes = Utf8(path, allocations);
            byte** argvBytes = Array(argv, allocations);
            byte** envBytes = Array(environment, allocations);

            Check(LibC.FileActionsInit(fileActions), "posix_spawn_file_actions_init");
            Check(LibC.FileActionsAddDup2(fileActions, childFd, childFd), "posix_spawn_file_actions_adddup2");
            Check(LibC.SpawnAttrInit(attributes), "posix_spawnattr_init");
            // The child starts with no signal blocked and every handler at its default, whatever this runtime set.
            LibC.SigEmptySet(signals);
            Check(LibC.SpawnAttrSetSigMask(attributes, signals), "posix_spawnattr_setsigmask");
            LibC.SigFillSet(signals);
            LibC.SigDelSet(signals, SIGKILL);
            LibC.SigDelSet(signals, SIGSTOP);
            Check(LibC.SpawnAttrSetSigDefault(attributes, signals), "posix_spawnattr_setsigdefault");
            Check(LibC.SpawnAttrSetFlags(attributes, (short)(LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF)), "posix_spawnattr_setflags");

            int error = LibC.PosixSpawn(out int pid, pathBytes, fileActions, attributes, argvBytes, envBytes);
            if (error != 0)
                throw new IOException($"Cannot start {path}: {Marshal.GetPInvokeErrorMessage(error)}");
            return pid;
        }
        finally
        {
            LibC.FileActionsDestroy(fileActions);
            LibC.SpawnAttrDestroy(attributes);
            NativeMemory.Free(fileActions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signals);
            foreach (var allocation in allocations)
                NativeMemory.Free((void*)allocation);
        }
    }

    /// <summary>Waits for <paramref name="pid"/> to end; returns its raw wait status (as Core logs it).</summary>
    public static int WaitForExit(int pid)
    {
        while (true)
        {
            int result = LibC.WaitPid(pid, out int status, 0);
            if (result == pid)
                return status;
            int errno = Marshal.GetLastPInvokeError();
            if (result < 0 && errno == LibC.EINTR)
                continue;
            throw new IOException($"waitpid({pid}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    public static void Signal(int pid, int signal)
    {
        if (LibC.Kill(pid, signal) != 0)
            throw new IOException($"kill({pid}, {signal}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
            throw new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(error)}");
    }

    private static byte* Utf8(string value, List<IntPtr> allocations)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        var bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
        allocations.Add((IntPtr)bytes);
        Encoding.UTF8.GetBytes(value, new Span<byte>(bytes, length));
        bytes[length] = 0;
        return bytes;
    }

    private static byte** Array(IReadOnlyList<string> values, List<IntPtr> allocations)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(byte*));
        allocations.Add((IntPtr)array);
        for (int i = 0; i < values.Count; i++)
            array[i] = Utf8(values[i], allocations);
        return array;
    }
}
