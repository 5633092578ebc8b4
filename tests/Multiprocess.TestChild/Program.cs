using Multiprocess;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Servers;

// Spawned by the tests (or by another test child) as `Multiprocess.TestChild -ipcfd <n>`.
if (!IpcProcess.TryGetSpawnedFd(args, out int fd))
{
    Console.Error.WriteLine("Multiprocess.TestChild is started by the Multiprocess tests as: Multiprocess.TestChild -ipcfd <n>");
    return 1;
}

return IpcProcess.ServeOnFd(fd, connection => TestInit.Client.FromServer(new TestInitServer(connection)).Hook!,
    new IpcConnectionOptions { ExeName = "Multiprocess.TestChild" });
