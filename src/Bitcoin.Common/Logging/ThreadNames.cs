namespace Bitcoin.Common.Logging;

/// <summary>
/// The name a log line shows in "[name]" with <c>-logthreadnames</c>, as Core's <c>util::ThreadRename</c>
/// ("init", "scheduler", "msghand", "httpworker.0", ...). The name flows with the logical flow of execution
/// (async/await continuations keep it; a request handler that renames itself does not rename the pool thread for
/// later work). Unnamed code logs as "unknown".
/// </summary>
public static class ThreadNames
{
    private static readonly AsyncLocal<string?> s_name = new();

    /// <summary>
    /// Names the current thread for logs and, on a dedicated thread, for the operating system as "b-&lt;name&gt;"
    /// (what <c>top -H</c> shows), as Core does. Keep names to 13 characters so the OS name is not truncated.
    /// </summary>
    public static void Rename(string name)
    {
        SetInternalName(name);
        var thread = Thread.CurrentThread;
        if (thread.IsThreadPoolThread)
            return;
        try
        {
            thread.Name = "b-" + name;
        }
        catch (InvalidOperationException)
        {
            // Some runtimes allow naming a thread only once; the log name is what matters.
        }
    }

    /// <summary>Sets only the name used in log lines (Core's <c>ThreadSetInternalName</c>).</summary>
    public static void SetInternalName(string name) => s_name.Value = name;

    /// <summary>The current log name, or "" if none was set.</summary>
    public static string GetInternalName() => s_name.Value ?? string.Empty;

    /// <summary>Starts a dedicated background thread that runs <paramref name="body"/> under <paramref name="name"/>, logging "&lt;name&gt; thread start" and "&lt;name&gt; thread exit" as Core's <c>TraceThread</c>; an exception is reported and ends the process.</summary>
    public static Thread StartThread(string name, Action body)
    {
        var thread = new Thread(() =>
        {
            Rename(name);
            Log.Info($"{name} thread start");
            try
            {
                body();
                Log.Info($"{name} thread exit");
            }
            catch (Exception e)
            {
                // Core's PrintExceptionContinue: to the log and stderr, then let the exception end the process.
                var message = $"EXCEPTION: {e.GetType().FullName}       \n{e.Message}       \nbitcoin in {name}       \n";
                Log.Warning("\n\n************************\n" + message);
                Console.Error.Write("\n\n************************\n" + message + "\n");
                throw;
            }
        })
        {
            IsBackground = true,
        };
        thread.Start();
        return thread;
    }
}
