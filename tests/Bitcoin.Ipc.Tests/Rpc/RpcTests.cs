using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Init;
using Capnp.Rpc;

namespace Bitcoin.Ipc.Tests.Rpc;

public sealed class RpcTests
{
    [Fact]
    public async Task RequestUriAndUserReachTheServerAndTheReplyComesBack()
    {
        var rpc = new RecordingRpc(_ => JsonNode.Parse("""{"result":{"blocks":7,"chain":"regtest"},"error":null,"id":"1"}"""));
        await using var pair = new InitPair(new TestInit { Rpc = () => rpc });
        using var client = pair.Client.MakeRpc()!;
        var request = JsonNode.Parse("""{"method":"getblockchaininfo","params":[],"id":"1"}""");

        var reply = client.ExecuteRpc(request, "/wallet/w%201", "alice");

        Assert.Equal("""{"method":"getblockchaininfo","params":[],"id":"1"}""", JsonText.Write(rpc.Request));
        Assert.Equal("/wallet/w%201", rpc.Uri);
        Assert.Equal("alice", rpc.User);
        Assert.Equal("""{"result":{"blocks":7,"chain":"regtest"},"error":null,"id":"1"}""", JsonText.Write(reply));
    }

    [Fact]
    public async Task BatchesAndNumbersKeepTheirExactForm()
    {
        var rpc = new RecordingRpc(request => request);
        await using var pair = new InitPair(new TestInit { Rpc = () => rpc });
        using var client = pair.Client.MakeRpc()!;
        var batch = JsonText.Parse("""[{"method":"a","params":[0.00000001,1e300,-0,12345678901234567890],"id":1},{"method":"b"}]""");

        var reply = client.ExecuteRpc(batch, "/", "");

        Assert.Equal(JsonText.Write(batch), JsonText.Write(reply));
    }

    [Fact]
    public async Task NoReplyTravelsAsJsonNull()
    {
        // What the node answers where HTTP has no body (a notification, a forbidden call).
        await using var pair = new InitPair(new TestInit { Rpc = () => new RecordingRpc(_ => null) });
        using var client = pair.Client.MakeRpc()!;

        Assert.Null(client.ExecuteRpc(JsonNode.Parse("""{"jsonrpc":"2.0","method":"ping"}"""), "/", ""));
    }

    [Fact]
    public async Task TextThatIsNotJsonIsExecutedAsANullRequest()
    {
        // Core reads unparsable text as a null UniValue, which the node answers with its top-level parse error.
        var rpc = new RecordingRpc(_ => new JsonObject { ["error"] = "parse" });
        await using var pair = new InitPair(new TestInit { Rpc = () => rpc });
        using var init = pair.ClientConnection.ConnectInit<Capnp.Messages.Init.Client>();
        using var made = pair.ClientConnection.Call(init.MakeRpcRequest(), p => p.InitContext());
        using var raw = made.Results.Result;
        var call = raw.ExecuteRpcRequest();
        var p = call.Params;
        p.SetRequest("{not json");
        p.SetUri("/");
        p.SetUser("");

        using var response = pair.ClientConnection.Call(call, q => q.InitContext());

        Assert.True(rpc.Called);
        Assert.Null(rpc.Request);
        Assert.Equal("""{"error":"parse"}""", response.Results.Result.ToString());
    }

    [Fact]
    public async Task AnExceptionInTheNodeReachesTheCallerWithItsMessage()
    {
        await using var pair = new InitPair(new TestInit { Rpc = () => new RecordingRpc(_ => throw new InvalidOperationException("table gone")) });
        using var client = pair.Client.MakeRpc()!;

        var e = Assert.ThrowsAny<RpcException>(() => client.ExecuteRpc(new JsonObject(), "/", ""));

        Assert.Contains("table gone", e.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingRpc(Func<JsonNode?, JsonNode?> answer) : IRpc
    {
        public bool Called { get; private set; }

        public JsonNode? Request { get; private set; }

        public string? Uri { get; private set; }

        public string? User { get; private set; }

        public JsonNode? ExecuteRpc(JsonNode? request, string uri, string user)
        {
            Called = true;
            Request = request?.DeepClone();
            Uri = uri;
            User = user;
            return answer(request);
        }

        public void Dispose()
        {
        }
    }
}
