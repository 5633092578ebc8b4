using System.Text;

namespace Apps.bitcoin_cli;

/// <summary>Reads secrets from standard input: without echo and with a prompt when it is a terminal.</summary>
internal static class ConsoleInput
{
    public static bool IsTerminal => !Console.IsInputRedirected;

    public static string? ReadSecretLine(TextReader stdin, TextWriter stderr, string prompt)
    {
        if (!IsTerminal || !ReferenceEquals(stdin, Console.In)) return stdin.ReadLine();
        stderr.Write(prompt);
        stderr.Flush();
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) return sb.ToString();
            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0) sb.Length--;
                continue;
            }
            if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control) && sb.Length == 0) return null;
            sb.Append(key.KeyChar);
        }
    }
}
