using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Bitcoin.Node.Init.Interop;

namespace Bitcoin.Node.Init.Daemon;

/// <summary>
/// Puts the node in the background for <c>-daemon</c> / <c>-daemonwait</c>. Core forks; a .NET process cannot, so the
/// parent starts the same executable with the same arguments in a new session (<c>setsid</c>), with standard input,
/// output and error on /dev/null and the working directory kept (as Core's <c>fork_daemon(nochdir=1, noclose=0)</c>),
/// passing the write end of a pipe in <see cref="DaemonChannel.EnvironmentVariable"/>. The child runs the whole
/// start-up again and reports through <see cref="DaemonChannel"/>; the parent waits for that report.
/// </summary>
public static class DaemonLauncher
{
    // The descriptor number the pipe gets in the child.
    private const int ChildDescriptor = 3;

    /// <summary>
    /// Starts the detached child and waits for its report. Returns true if it reported success, false if it reported
    /// failure or exited first. Throws <see cref="IOException"/> (with the system's reason) if it could not be started.
    /// </summary>
    public static bool StartAndWait(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("-daemon is not supported on this operating system");

        var (readFd, writeFd) = CreatePipe();
        try
        {
            Spawn(BuildCommandLine(arguments), writeFd);
        }
        catch
        {
            LibC.Close(readFd);
            LibC.Close(writeFd);
            throw;
        }

        // Only the child may hold the write end now, so its exit shows up as end-of-file.
        LibC.Close(writeFd);
        try
        {
            return ReadToken(readFd) == (byte)'1';
        }
        finally
        {
            LibC.Close(readFd);
        }
    }

    /// <summary>The program and arguments that start this executable again (through <c>dotnet</c> when run that way).</summary>
    internal static List<string> BuildCommandLine(IReadOnlyList<string> arguments)
    {
        var processPath = Environment.ProcessPath ?? throw new IOException("The path of this executable is unknown");
        var commandLine = new List<string> { processPath };
        if (string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.Ordinal))
        {
            var entry = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry))
                throw new IOException("The entry assembly of this process is unknown");
            commandLine.Add(entry);
        }

        commandLine.AddRange(arguments);
        return commandLine;
    }

    private static unsafe (int Read, int Write) CreatePipe()
    {
        var fds = stackalloc int[2];
        if (LibC.Pipe2(fds, LibC.O_CLOEXEC) != 0)
            throw new IOException(LibC.ErrorMessage(Marshal.GetLastPInvokeError()));
        return (fds[0], fds[1]);
    }

    private static unsafe byte ReadToken(int fd)
    {
        byte token;
        while (true)
        {
            var read = LibC.Read(fd, &token, 1);
            if (read == 1)
                return token;
            if (read < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
                continue;
            return 0;
        }
    }

    private static unsafe void Spawn(List<string> commandLine, int writeFd)
    {
        var environment = new List<string>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name != DaemonChannel.EnvironmentVariable)
                environment.Add($"{name}={entry.Value}");
        }

        var target = writeFd == ChildDescriptor ? ChildDescriptor + 1 : ChildDescriptor;
        environment.Add($"{DaemonChannel.EnvironmentVariable}={target}");

        var allocations = new List<nint>();
        var fileActions = NativeMemory.AllocZeroed(LibC.OpaqueBufferSize);
        var attributes = NativeMemory.AllocZeroed(LibC.OpaqueBufferSize);
        var sigset = NativeMemory.AllocZeroed(LibC.OpaqueBufferSize);
        try
        {
            var argv = ToNativeArray(commandLine, allocations);
            var envp = ToNativeArray(environment, allocations);
            var devNull = ToNative("/dev/null", allocations);

            Check(LibC.FileActionsInit(fileActions));
            Check(LibC.SpawnAttrInit(attributes));
            try
            {
                // First give the pipe its number (a dup2 target is not close-on-exec), then detach the standard streams.
                Check(LibC.FileActionsAddDup2(fileActions, writeFd, target));
                Check(LibC.FileActionsAddOpen(fileActions, 0, devNull, LibC.O_RDWR, 0));
                Check(LibC.FileActionsAddDup2(fileActions, 0, 1));
                Check(LibC.FileActionsAddDup2(fileActions, 0, 2));

                Check(LibC.SigEmptySet(sigset));
                Check(LibC.SpawnAttrSetSigMask(attributes, sigset));
                Check(LibC.SigFillSet(sigset));
                Check(LibC.SpawnAttrSetSigDefault(attributes, sigset));
                Check(LibC.SpawnAttrSetFlags(attributes,
                    LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF));

                int pid;
                Check(LibC.PosixSpawn(&pid, argv[0], fileActions, attributes, argv, envp));
            }
            finally
            {
                LibC.FileActionsDestroy(fileActions);
                LibC.SpawnAttrDestroy(attributes);
            }
        }
        finally
        {
            foreach (var pointer in allocations)
                NativeMemory.Free((void*)pointer);
            NativeMemory.Free(fileActions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(sigset);
        }
    }

    private static void Check(int result)
    {
        // posix_spawn and its helpers return the error number instead of setting errno.
        if (result != 0)
            throw new IOException(LibC.ErrorMessage(result));
    }

    private static unsafe byte** ToNativeArray(List<string> values, List<nint> allocations)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(byte*));
        allocations.Add((nint)array);
        for (var i = 0; i < values.Count; i++)
            array[i] = ToNative(values[i], allocations);
        return array;
    }

    private static unsafe byte* ToNative(string value, List<nint> allocations)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var native = (byte*)NativeMemory.AllocZeroed((nuint)bytes.Length + 1);
        allocations.Add((nint)native);
        bytes.CopyTo(new Span<byte>(native, bytes.Length));
        return native;
    }
}
