using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Rpc;

/// <summary>Example lines for help texts, in the bitcoin-cli and curl forms Core's help shows (HelpExampleCli/Rpc).</summary>
public static class RpcExamples
{
    /// <summary><c>&gt; bitcoin-cli method args</c></summary>
    public static string Cli(string method, string args) => "> bitcoin-cli " + method + " " + args + "\n";

    /// <summary><c>&gt; bitcoin-cli -named method name=value ...</c>; values that are not strings are written as JSON, and quoted for the shell when needed.</summary>
    public static string CliNamed(string method, IEnumerable<KeyValuePair<string, JsonNode?>> args)
    {
        var result = "> bitcoin-cli -named " + method;
        foreach (var (name, value) in args)
        {
            string text = value.IsStr() ? value.GetStr() : JsonText.Write(value);
            result += " " + name + "=" + ShellQuoteIfNeeded(text);
        }
        return result + "\n";
    }

    /// <summary>A curl command posting a 2.0 request with positional parameters <paramref name="args"/> (JSON text without the brackets).</summary>
    public static string Rpc(string method, string args)
        => "> curl --user myusername --data-binary '{\"jsonrpc\": \"2.0\", \"id\": \"curltest\", \"method\": \"" + method +
           "\", \"params\": [" + args + "]}' -H 'content-type: application/json' http://127.0.0.1:8332/\n";

    /// <summary>A curl command posting a 2.0 request with named parameters.</summary>
    public static string RpcNamed(string method, IEnumerable<KeyValuePair<string, JsonNode?>> args)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in args) obj[name] = value.Detached();
        return "> curl --user myusername --data-binary '{\"jsonrpc\": \"2.0\", \"id\": \"curltest\", \"method\": \"" + method +
               "\", \"params\": " + JsonText.Write(obj) + "}' -H 'content-type: application/json' http://127.0.0.1:8332/\n";
    }

    private static string ShellQuoteIfNeeded(string s)
    {
        if (s.IndexOfAny([' ', '\'', '"']) < 0) return s;
        return "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
