using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Apps.bitcoin_cli;

/// <summary>Lays out the -getinfo summary for people, line for line as Core's bitcoin-cli (ParseGetInfoResult).</summary>
internal static class GetInfoFormatter
{
    public static string Format(JsonObject result, bool colorize)
    {
        string reset = "", green = "", blue = "", yellow = "", magenta = "", cyan = "";
        if (colorize)
        {
            reset = "\x1B[0m";
            green = "\x1B[32m";
            blue = "\x1B[34m";
            yellow = "\x1B[33m";
            magenta = "\x1B[35m";
            cyan = "\x1B[36m";
        }
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"{blue}Chain: {result.Find("chain").GetValStr()}{reset}\n");
        sb.Append(inv, $"Blocks: {result.Find("blocks").GetValStr()}\n");
        sb.Append(inv, $"Headers: {result.Find("headers").GetValStr()}\n");

        double progress = result.Find("verificationprogress").GetReal();
        string bar = "";
        // The bar is shown only while the node is noticeably behind.
        if (progress < 0.99) bar = ProgressBar(progress) + " ";
        sb.Append(inv, $"Verification progress: {bar}{(progress * 100).ToString("F4", inv)}%\n");
        sb.Append(inv, $"Difficulty: {result.Find("difficulty").GetValStr()}\n\n");

        var connections = result.Find("connections");
        sb.Append(inv, $"{green}Network: in {connections.Find("in").GetValStr()}, out {connections.Find("out").GetValStr()}, total {connections.Find("total").GetValStr()}{reset}\n");
        sb.Append(inv, $"Version: {result.Find("version").GetValStr()}\n");
        sb.Append(inv, $"Time offset (s): {result.Find("timeoffset").GetValStr()}\n");

        // Each proxy once, in order of first use, with the networks using it.
        var proxies = new List<string>();
        var networksOfProxy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (result.Find("networks") is JsonArray networks)
        {
            foreach (var network in networks)
            {
                string proxy = network.Find("proxy").GetValStr();
                if (proxy.Length == 0) continue;
                if (!networksOfProxy.TryGetValue(proxy, out var list))
                {
                    proxies.Add(proxy);
                    networksOfProxy[proxy] = list = new List<string>();
                }
                list.Add(network.Find("name").GetValStr());
            }
        }
        string proxyText = proxies.Count == 0 ? "n/a" : string.Join(", ", proxies.Select(p => $"{p} ({string.Join(", ", networksOfProxy[p])})"));
        sb.Append(inv, $"Proxies: {proxyText}\n");
        sb.Append(inv, $"Min tx relay fee rate (BTC/kvB): {result.Find("relayfee").GetValStr()}\n\n");

        if (!result.Find("has_wallet").IsNull())
        {
            string walletName = result.Find("walletname").GetValStr();
            sb.Append(inv, $"{magenta}Wallet: {(walletName.Length == 0 ? "\"\"" : walletName)}{reset}\n");
            sb.Append(inv, $"Keypool size: {result.Find("keypoolsize").GetValStr()}\n");
            if (!result.Find("unlocked_until").IsNull())
                sb.Append(inv, $"Unlocked until: {result.Find("unlocked_until").GetValStr()}\n");
        }
        if (!result.Find("balance").IsNull())
            sb.Append(inv, $"{cyan}Balance:{reset} {result.Find("balance").GetValStr()}\n\n");

        if (result.Find("balances") is JsonObject balances)
        {
            sb.Append(inv, $"{cyan}Balances{reset}\n");
            int width = Math.Max(10, balances.Select(kv => kv.Value.GetValStr().Length).DefaultIfEmpty(0).Max());
            foreach (var (wallet, balance) in balances)
                sb.Append(balance.GetValStr().PadLeft(width)).Append(' ').Append(wallet.Length == 0 ? "\"\"" : wallet).Append('\n');
            sb.Append('\n');
        }

        string warnings = WarningsText(result.Find("warnings"));
        sb.Append(inv, $"{yellow}Warnings:{reset} {(warnings.Length == 0 ? "(none)" : warnings)}");
        return sb.ToString();
    }

    // Core prints getValStr(), which is empty for an array of warnings.
    private static string WarningsText(JsonNode? warnings) => warnings.GetValStr();

    /// <summary>A bar of twenty 5% steps: ▒ for done, ░ for to do.</summary>
    public static string ProgressBar(double progress)
    {
        if (progress < 0 || progress > 1) return "";
        const double Increment = 0.05;
        var sb = new StringBuilder();
        for (int i = 0; i < progress / Increment; i++) sb.Append('\u2592');
        for (int i = 0; i < (1 - progress) / Increment; i++) sb.Append('\u2591');
        return sb.ToString();
    }
}
