using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Rpc.Commands;

/// <summary>
/// The generic commands every RPC server has, as in Core's rpc/server.cpp and rpc/node.cpp: help, stop, uptime,
/// getrpcinfo, logging, getopenrpcinfo and rpc.discover ("control"), and echo and echojson ("hidden", for tests).
/// </summary>
public static class ControlCommands
{
    /// <summary>Registers the commands in <paramref name="table"/>.</summary>
    public static void Register(RpcCommandTable table, ControlCommandsOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        table.Register("control", GetOpenRpcInfo(table));
        table.Register("control", RpcDiscover(table));
        table.Register("control", Help(table));
        table.Register("control", Stop(options));
        table.Register("control", Uptime(options));
        table.Register("control", GetRpcInfo(table, options));
        table.Register("control", Logging(options.Logger));
        table.Register("hidden", Echo("echo"));
        table.Register("hidden", Echo("echojson"));
    }

    /// <summary>The text <c>stop</c> returns, e.g. "Bitcoin Core stopping".</summary>
    public static string StopMessage => RpcClientIdentity.ClientName + " stopping";

    private static RpcResult OpenRpcDocumentResult() => new(RpcResultType.Obj, "", "", [
        new RpcResult(RpcResultType.Str, "openrpc", "The OpenRPC specification version"),
        new RpcResult(RpcResultType.Obj, "info", "About this interface", [
            new RpcResult(RpcResultType.Str, "title", "Its title"),
            new RpcResult(RpcResultType.Str, "version", "The server's version"),
            new RpcResult(RpcResultType.Str, "description", "What it is"),
        ]),
        new RpcResult(RpcResultType.Arr, "methods", "The documented methods", [
            new RpcResult(RpcResultType.Obj, "", "One method", [
                new RpcResult(RpcResultType.Str, "name", "Its name"),
                new RpcResult(RpcResultType.Str, "description", "Its description"),
                new RpcResult(RpcResultType.Arr, "params", "Its parameters", [
                    new RpcResult(RpcResultType.Obj, "", "One parameter", [
                        new RpcResult(RpcResultType.Str, "name", "Its name"),
                        new RpcResult(RpcResultType.Bool, "required", "Whether it must be given"),
                        new RpcResult(RpcResultType.Any, "schema", "Its JSON Schema"),
                        new RpcResult(RpcResultType.Str, "description", "Its description", optional: true),
                        new RpcResult(RpcResultType.Arr, "x-bitcoin-aliases", "Other names it accepts", [new RpcResult(RpcResultType.Str, "", "A name")], optional: true),
                        new RpcResult(RpcResultType.Bool, "x-bitcoin-placeholder", "Whether it is kept only for compatibility", optional: true),
                        new RpcResult(RpcResultType.Bool, "x-bitcoin-also-positional", "Whether it may also be passed by position", optional: true),
                    ]),
                ]),
                new RpcResult(RpcResultType.Obj, "result", "Its result", [
                    new RpcResult(RpcResultType.Str, "name", "Always \"result\""),
                    new RpcResult(RpcResultType.Any, "schema", "Its JSON Schema"),
                ]),
                new RpcResult(RpcResultType.Str, "x-bitcoin-category", "Its help category"),
            ]),
        ]),
    ], options: new RpcResultOptions { SkipTypeCheck = true });

    private static RpcMethod GetOpenRpcInfo(RpcCommandTable table) => new(
        "getopenrpcinfo",
        "Returns an OpenRPC document describing the available commands.",
        [new RpcArg("show_hidden", RpcArgType.Bool, RpcArgFallback.Default(false), "Include hidden commands and arguments too.")],
        [OpenRpcDocumentResult()],
        RpcExamples.Cli("getopenrpcinfo", "") + RpcExamples.Rpc("getopenrpcinfo", ""),
        call => table.BuildOpenRpcDocument(call.ArgBool("show_hidden")));

    private static RpcMethod RpcDiscover(RpcCommandTable table) => new(
        "rpc.discover",
        "Returns the OpenRPC document of this service (the service discovery method of the OpenRPC specification).",
        [],
        [OpenRpcDocumentResult()],
        RpcExamples.Cli("rpc.discover", "") + RpcExamples.Rpc("rpc.discover", ""),
        _ => table.BuildOpenRpcDocument(includeHidden: false));

    private static RpcMethod Help(RpcCommandTable table) => new(
        "help",
        "Lists the available commands, or shows the help of one command.",
        [new RpcArg("command", RpcArgType.Str, RpcArgFallback.Hint("all commands"), "The command to show help for")],
        [
            new RpcResult(RpcResultType.Str, "", "The help text"),
            new RpcResult(RpcResultType.Any, "", "The argument conversion table (for tests)", options: new RpcResultOptions { HiddenFromHelp = true }),
        ],
        "",
        async call =>
        {
            string? command = call.MaybeStr("command");
            // Undocumented, for tests: the table bitcoin-cli needs to convert arguments from JSON.
            if (command == "dump_all_command_conversions") return await table.DumpArgMapAsync(call.Request).ConfigureAwait(false);
            return await table.HelpAsync(command ?? "", call.Request).ConfigureAwait(false);
        });

    private static RpcMethod Stop(ControlCommandsOptions options) => new(
        "stop",
        $"Asks {RpcClientIdentity.ClientName} to shut down cleanly.",
        [
            // Hidden, for tests: milliseconds to wait before replying.
            new RpcArg("wait", RpcArgType.Num, RpcArgFallback.Omitted, "milliseconds to wait", options: new RpcArgOptions { Hidden = true }),
        ],
        [new RpcResult(RpcResultType.Str, "", $"The text '{StopMessage}'")],
        "",
        async call =>
        {
            options.RequestShutdown();
            if (call.Param(0).IsNum())
                await Task.Delay(call.Param(0).GetInt32()).ConfigureAwait(false);
            return StopMessage;
        });

    private static RpcMethod Uptime(ControlCommandsOptions options) => new(
        "uptime",
        "Returns how long the server has been running.",
        [],
        [new RpcResult(RpcResultType.Num, "", "Seconds since the server started")],
        RpcExamples.Cli("uptime", "") + RpcExamples.Rpc("uptime", ""),
        _ => (long)(DateTimeOffset.UtcNow - options.StartTime).TotalSeconds);

    private static RpcMethod GetRpcInfo(RpcCommandTable table, ControlCommandsOptions options) => new(
        "getrpcinfo",
        "Returns information about the RPC server.",
        [],
        [
            new RpcResult(RpcResultType.Obj, "", "", [
                new RpcResult(RpcResultType.Arr, "active_commands", "The commands running now", [
                    new RpcResult(RpcResultType.Obj, "", "One running command", [
                        new RpcResult(RpcResultType.Str, "method", "The command's name"),
                        new RpcResult(RpcResultType.Num, "duration", "How long it has been running, in microseconds"),
                    ]),
                ]),
                new RpcResult(RpcResultType.Str, "logpath", "The full path of the debug log"),
            ]),
        ],
        RpcExamples.Cli("getrpcinfo", "") + RpcExamples.Rpc("getrpcinfo", ""),
        _ =>
        {
            var active = new JsonArray();
            foreach (var (method, duration) in table.ActiveCommands())
                active.Add(new JsonObject { ["method"] = method, ["duration"] = (long)(duration.Ticks / (TimeSpan.TicksPerMillisecond / 1000)) });
            return new JsonObject
            {
                ["active_commands"] = active,
                ["logpath"] = options.Logger.FilePath,
            };
        });

    private static RpcMethod Logging(Logger logging) => new(
        "logging",
        "Shows which debug log categories are enabled, and enables or disables categories.\n" +
        "Without arguments it only lists the categories and whether each is being logged.\n" +
        "With arguments, the categories in \"include\" are enabled first and those in \"exclude\" disabled after, so a\n" +
        "category in both ends up disabled.\n" +
        "Categories: " + Logger.LogCategoriesString() + "\n" +
        "The names \"all\" and \"1\" stand for every category.\n",
        [
            new RpcArg("include", RpcArgType.Arr, RpcArgFallback.Omitted, "Categories to enable",
                [new RpcArg("include_category", RpcArgType.Str, RpcArgFallback.Omitted, "a logging category")]),
            new RpcArg("exclude", RpcArgType.Arr, RpcArgFallback.Omitted, "Categories to disable",
                [new RpcArg("exclude_category", RpcArgType.Str, RpcArgFallback.Omitted, "a logging category")]),
        ],
        [
            new RpcResult(RpcResultType.ObjDyn, "", "Each category and whether it is logged", [
                new RpcResult(RpcResultType.Bool, "category", "true if the category is being logged"),
            ]),
        ],
        RpcExamples.Cli("logging", "\"[\\\"all\\\"]\" \"[\\\"http\\\"]\"") + RpcExamples.Rpc("logging", "[\"all\"], [\"leveldb\"]"),
        call =>
        {
            if (call.Param(0) is JsonArray include) Switch(logging, include, enable: true);
            if (call.Param(1) is JsonArray exclude) Switch(logging, exclude, enable: false);
            var result = new JsonObject();
            foreach (var state in logging.GetCategories()) result[state.Name] = state.Active;
            return result;
        });

    private static void Switch(Logger logging, JsonArray categories, bool enable)
    {
        foreach (var item in categories)
        {
            string category = item.GetStr();
            bool ok = enable ? logging.EnableCategory(category) : logging.DisableCategory(category);
            if (!ok) throw new RpcException(RpcErrorCode.InvalidParameter, "unknown logging category " + category);
        }
    }

    private static RpcMethod Echo(string name) => new(
        name,
        "Returns its arguments unchanged; for testing.\n" +
        "\nPassing arg9='trigger_internal_bug' makes it fail with an internal bug report.\n" +
        "\nechojson differs from echo only on the client side: bitcoin-cli parses its arguments as JSON.",
        Enumerable.Range(0, 10)
            .Select(i => new RpcArg($"arg{i}", RpcArgType.Str, RpcArgFallback.Omitted, "", options: new RpcArgOptions { SkipTypeCheck = true }))
            .ToArray(),
        [new RpcResult(RpcResultType.Any, "", "The arguments as passed")],
        "",
        call =>
        {
            if (call.Param(9).IsStr())
            {
                // The check's text is what Core's functional tests look for in the error message.
                RpcInternalBugException.Check(call.Param(9).GetStr() != "trigger_internal_bug",
                    "request.params[9].get_str() != \"trigger_internal_bug\"");
            }
            return call.Params.DeepClone();
        });
}
