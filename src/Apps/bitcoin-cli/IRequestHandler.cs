using System.Text.Json.Nodes;

namespace Apps.bitcoin_cli;

/// <summary>Turns the command line into a request (or batch) and the server's answer into one reply object (Core's BaseRequestHandler).</summary>
internal interface IRequestHandler
{
    JsonNode PrepareRequest(string method, IReadOnlyList<string> args);

    JsonObject ProcessReply(JsonNode reply);
}
