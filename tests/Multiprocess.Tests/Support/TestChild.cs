using Multiprocess.Tests.Servers;

namespace Multiprocess.Tests.Support;

/// <summary>Where the test child executable is built (tests/Multiprocess.TestChild, next to these tests' output).</summary>
public static class TestChild
{
    public static string Directory
    {
        get
        {
            var here = AppContext.BaseDirectory;
            var sep = Path.DirectorySeparatorChar;
            var directory = here.Replace($"{sep}Multiprocess.Tests{sep}bin{sep}", $"{sep}Multiprocess.TestChild{sep}bin{sep}", StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory, TestInitServer.TestChildName)),
                $"The test child is not built in {directory} (it is a project reference of the tests).");
            return directory;
        }
    }

    /// <summary>Spawns the test child, logging to <paramref name="log"/>.</summary>
    public static SpawnedProcess Spawn(CapturingLogger? log = null) =>
        IpcProcess.Spawn(TestInitServer.TestChildName, Directory, new IpcConnectionOptions { ExeName = "mp-test", Logger = log });

    /// <summary>True while process <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state follows the command name in parentheses.
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
