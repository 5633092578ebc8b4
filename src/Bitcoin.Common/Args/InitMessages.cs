using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Args;

/// <summary>
/// Start-up errors and warnings as Core's <c>InitError</c> / <c>InitWarning</c> without a GUI: logged as
/// "[error] msg" / "[warning] msg" and printed to stderr as "Error: msg" / "Warning: msg". A GUI replaces
/// <see cref="Output"/> to show them in a dialog.
/// </summary>
public static class InitMessages
{
    private static readonly Lock s_gate = new();

    /// <summary>Where messages are shown: (message, isError). Defaults to logging and stderr.</summary>
    public static Action<string, bool> Output { get; set; } = WriteToLogAndStderr;

    /// <summary>Reports an init error; always returns false so callers can <c>return InitMessages.Error(...)</c>.</summary>
    public static bool Error(string message)
    {
        Output(message, true);
        return false;
    }

    /// <summary>Reports an init error with detail lines ("msg:\n- a\n- b"); returns false.</summary>
    public static bool Error(string message, IReadOnlyList<string> details) => Error(WithDetails(message, details));

    /// <summary>Reports an init warning.</summary>
    public static void Warning(string message) => Output(message, false);

    /// <summary>Joins a message with its details as Core's <c>MakeUnorderedList</c>.</summary>
    public static string WithDetails(string message, IReadOnlyList<string> details) =>
        details.Count == 0 ? message : message + ":\n" + string.Join("\n", details.Select(d => "- " + d));

    private static void WriteToLogAndStderr(string message, bool isError)
    {
        if (isError)
            Log.Error(message);
        else
            Log.Warning(message);
        lock (s_gate)
        {
            Console.Error.WriteLine((isError ? "Error: " : "Warning: ") + message);
            Console.Error.Flush();
        }
    }
}
