using System.Net;
using System.Net.Sockets;
using System.Text;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc.Http;

namespace Bitcoin.Common.Tests.Rpc;

public class RpcHttpServerTests
{
    [Fact]
    public async Task CookieIsWrittenOwnerOnlyAndDeletedAtStop()
    {
        var server = await TestRpcServer.StartAsync();
        string cookiePath = Path.Combine(server.Directory, ".cookie");
        string cookie = server.CookieCredentials;
        Assert.Matches("^__cookie__:[0-9a-f]{64}$", cookie);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cookiePath));
        var (status, body) = await server.CallAsync("{\"method\":\"whoami\",\"id\":1}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("__cookie__", TestRpcServer.Json(body).Find("result").Find("user").GetStr());
        await server.DisposeAsync();
        Assert.False(File.Exists(cookiePath));
    }

    [Fact]
    public async Task CookiePermissionsCanBeWidened()
    {
        await using var server = await TestRpcServer.StartAsync(o => o with { CookiePermissions = "group" });
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(server.Directory, ".cookie")));
    }

    [Fact]
    public async Task InvalidCookiePermissionsStopStartUp()
    {
        var e = await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { CookiePermissions = "everyone" }));
        Assert.Equal("Invalid -rpccookieperms=everyone; must be one of 'owner', 'group', or 'all'.", e.Message);
    }

    [Fact]
    public async Task MissingOrWrongCredentialsGet401WithChallenge()
    {
        await using var server = await TestRpcServer.StartAsync();
        using (var none = await server.PostAsync("{\"method\":\"uptime\"}", credentials: ""))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Basic realm=\"jsonrpc\"", none.Headers.WwwAuthenticate.ToString());
            Assert.Equal("", await none.Content.ReadAsStringAsync());
        }
        using var wrong = await server.PostAsync("{\"method\":\"uptime\"}", credentials: "__cookie__:00");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Basic realm=\"jsonrpc\"", wrong.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task RpcUserPasswordReplacesTheCookie()
    {
        await using var server = await TestRpcServer.StartAsync(o => o with { User = "alice", Password = "secret" });
        Assert.False(File.Exists(Path.Combine(server.Directory, ".cookie")));
        Assert.Equal(HttpStatusCode.OK, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}", "alice:secret")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}", "alice:wrong")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}", "bob:secret")).Status);
    }

    [Fact]
    public async Task RpcAuthAcceptsTheHashedPassword()
    {
        string rpcauth = RpcAuth.Create("carol", "p4ss:word", salt: "cb77f0957de88ff388cf817ddbc7273");
        Assert.Equal("carol:cb77f0957de88ff388cf817ddbc7273$" + RpcAuth.Hash("cb77f0957de88ff388cf817ddbc7273", "p4ss:word"), rpcauth);
        await using var server = await TestRpcServer.StartAsync(o => o with { Auth = [rpcauth] });
        Assert.Equal(HttpStatusCode.OK, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}", "carol:p4ss:word")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}", "carol:p4ss")).Status);
        // The cookie still works alongside.
        Assert.Equal(HttpStatusCode.OK, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}")).Status);
    }

    [Fact]
    public void RpcAuthHashIsHmacSha256OfThePasswordKeyedWithTheSalt()
        // Python: hmac.new(b"cb77f0957de88ff388cf817ddbc7273", b"p4ss:word", "sha256").hexdigest()
        => Assert.Equal("cc3b6576553f223a52b5caae93f466f2f46bf4e63d09c2f07396540a7067d433", RpcAuth.Hash("cb77f0957de88ff388cf817ddbc7273", "p4ss:word"));

    [Fact]
    public async Task MalformedRpcAuthStopsStartUp()
    {
        var e = await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { Auth = ["nohash"] }));
        Assert.Equal("Invalid -rpcauth argument.", e.Message);
    }

    [Fact]
    public async Task LegacyRepliesCarryResultErrorAndId()
    {
        await using var server = await TestRpcServer.StartAsync();
        var (status, body) = await server.CallAsync("{\"method\":\"getheight\",\"params\":[5],\"id\":\"x\"}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"result\":5,\"error\":null,\"id\":\"x\"}\n", body);
    }

    [Fact]
    public async Task LegacyErrorsUseHttpStatusCodes()
    {
        await using var server = await TestRpcServer.StartAsync();
        var notFound = await server.CallAsync("{\"method\":\"nope\",\"id\":1}");
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}\n", notFound.Body);

        var typeError = await server.CallAsync("{\"method\":\"getheight\",\"params\":[\"5\"],\"id\":1}");
        Assert.Equal(HttpStatusCode.InternalServerError, typeError.Status);
        Assert.Equal(-3, TestRpcServer.Json(typeError.Body).Find("error").Find("code").GetInt32());

        var invalid = await server.CallAsync("{\"method\":5,\"id\":1}");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32600,\"message\":\"Method must be a string\"},\"id\":1}\n", invalid.Body);

        var noId = await server.CallAsync("{\"method\":\"nope\"}");
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}\n", noId.Body);
    }

    [Fact]
    public async Task MalformedJsonIsAParseError()
    {
        await using var server = await TestRpcServer.StartAsync();
        var (status, body) = await server.CallAsync("{\"method\":");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}\n", body);

        var scalar = await server.CallAsync("42");
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32700,\"message\":\"Top-level object parse error\"},\"id\":null}\n", scalar.Body);
    }

    [Fact]
    public async Task Version2RepliesAreHttp200WithOnlyResultOrError()
    {
        await using var server = await TestRpcServer.StartAsync();
        var ok = await server.CallAsync("{\"jsonrpc\":\"2.0\",\"method\":\"getheight\",\"params\":{\"height\":3,\"verbose\":true},\"id\":7}");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"result\":1003,\"id\":7}\n", ok.Body);

        var error = await server.CallAsync("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":7}");
        Assert.Equal(HttpStatusCode.OK, error.Status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":7}\n", error.Body);

        var badVersion = await server.CallAsync("{\"jsonrpc\":\"3.0\",\"method\":\"uptime\",\"id\":7}");
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.Status);
        Assert.Contains("JSON-RPC version not supported", badVersion.Body);
    }

    [Fact]
    public async Task Version2NotificationIsExecutedButAnsweredWith204()
    {
        await using var server = await TestRpcServer.StartAsync();
        using var response = await server.PostAsync("{\"jsonrpc\":\"2.0\",\"method\":\"stop\"}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, server.ShutdownRequests);
    }

    [Fact]
    public async Task BatchesAnswerEachRequestInOrder()
    {
        await using var server = await TestRpcServer.StartAsync();
        var (status, body) = await server.CallAsync(
            "[{\"method\":\"getheight\",\"params\":[1],\"id\":1}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":2}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"getheight\",\"params\":[9]}," +
            "{\"jsonrpc\":\"2.0\",\"method\":\"getheight\",\"params\":[2],\"id\":3}]");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("[{\"result\":1,\"error\":null,\"id\":1}," +
                     "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":2}," +
                     "{\"jsonrpc\":\"2.0\",\"result\":2,\"id\":3}]\n", body);
    }

    [Fact]
    public async Task InterfaceRpcBatchCasesAnswerLikeCore()
    {
        // The mixed batch of Core's interface_rpc.py: 2.0 notifications for the first two calls, an invalid request last.
        await using var server = await TestRpcServer.StartAsync();
        var (status, body) = await server.CallAsync(
            "[{\"jsonrpc\":\"2.0\",\"method\":\"uptime\"},{\"jsonrpc\":\"2.0\",\"method\":\"invalidmethod\"}," +
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"getheight\",\"params\":[0]},{\"jsonrpc\":\"2.0\",\"id\":4,\"pizza\":\"sausage\"}]");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("[{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":3},{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Missing method\"},\"id\":4}]\n", body);

        var unsupported = await server.CallAsync("[{\"jsonrpc\":\"2.1\",\"id\":1,\"method\":\"uptime\"}]");
        Assert.Equal("[{\"result\":null,\"error\":{\"code\":-32600,\"message\":\"JSON-RPC version not supported\"},\"id\":1}]\n", unsupported.Body);

        var numberVersion = await server.CallAsync("{\"jsonrpc\":2,\"method\":\"uptime\"}");
        Assert.Equal((HttpStatusCode.BadRequest, "{\"result\":null,\"error\":{\"code\":-32600,\"message\":\"jsonrpc field must be a string\"}}\n"), numberVersion);

        var nullId = await server.CallAsync("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"getheight\",\"params\":[0]}");
        Assert.Equal((HttpStatusCode.OK, "{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":null}\n"), nullId);

        var empty = await server.CallAsync("");
        Assert.Equal((HttpStatusCode.InternalServerError, "{\"result\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}\n"), empty);
    }

    [Fact]
    public async Task BatchOfNotificationsGets204AndEmptyBatchGetsEmptyArray()
    {
        await using var server = await TestRpcServer.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await server.CallAsync("[{\"jsonrpc\":\"2.0\",\"method\":\"uptime\"}]")).Status);
        var empty = await server.CallAsync("[]");
        Assert.Equal((HttpStatusCode.OK, "[]\n"), empty);
    }

    [Fact]
    public async Task BatchElementThatIsNotAnObjectGetsAnErrorEntry()
    {
        await using var server = await TestRpcServer.StartAsync();
        var (_, body) = await server.CallAsync("[1]");
        Assert.Equal("[{\"result\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request object\"},\"id\":null}]\n", body);
    }

    [Fact]
    public async Task RepliesAreApplicationJsonWithKeepAlive()
    {
        await using var server = await TestRpcServer.StartAsync();
        using var response = await server.PostAsync("{\"method\":\"uptime\",\"id\":1}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.False(response.Headers.ConnectionClose ?? false);
    }

    [Fact]
    public async Task OnlyPostToKnownPathsIsServed()
    {
        await using var server = await TestRpcServer.StartAsync();
        using (var get = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url)))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
            Assert.Equal("JSONRPC server handles only POST requests", await get.Content.ReadAsStringAsync());
        }
        using (var delete = await server.SendAsync(new HttpRequestMessage(HttpMethod.Delete, server.Url)))
            Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.CallAsync("{\"method\":\"uptime\"}", path: "/other")).Status);
    }

    [Fact]
    public async Task RequestLineAndHeadersOverEightKiBGet400()
    {
        // Core's MAX_HEADERS_SIZE (8192) counts the request line and the header lines together (interface_http.py).
        await using var server = await TestRpcServer.StartAsync();
        using (var below = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "/" + new string('x', 7192)))))
            Assert.Equal(HttpStatusCode.NotFound, below.StatusCode);
        using (var longTarget = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "/" + new string('x', 8192)))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, longTarget.StatusCode);
            Assert.True(longTarget.Headers.ConnectionClose);
        }
        var manyHeaders = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "/x"));
        for (int i = 0; i < 8192 / 18; i++) manyHeaders.Headers.Add($"header_{i:D4}", "foo");
        using (var tooMany = await server.SendAsync(manyHeaders))
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task WalletPathReachesTheCommand()
    {
        await using var server = await TestRpcServer.StartAsync();
        var (status, body) = await server.CallAsync("{\"method\":\"whoami\",\"id\":1}", path: "/wallet/my%20wallet");
        Assert.Equal(HttpStatusCode.OK, status);
        var result = TestRpcServer.Json(body).Find("result");
        Assert.Equal("/wallet/my%20wallet", result.Find("uri").GetStr());
        Assert.Equal("my wallet", result.Find("wallet").GetStr());
    }

    [Fact]
    public async Task WarmupAnswersMinus28()
    {
        await using var server = await TestRpcServer.StartAsync(finishWarmup: false);
        server.Table.SetWarmupStatus("Verifying blocks…");
        var (status, body) = await server.CallAsync("{\"jsonrpc\":\"2.0\",\"method\":\"uptime\",\"id\":1}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-28,\"message\":\"Verifying blocks…\"},\"id\":1}\n", body);
    }

    [Fact]
    public async Task FullWorkQueueAnswers503()
    {
        await using var server = await TestRpcServer.StartAsync(o => o with { Threads = 1, WorkQueue = 1 });
        var running = server.CallAsync("{\"method\":\"block\",\"id\":1}");
        await WaitUntil(() => server.Table.ActiveCommands().Count == 1);
        var queued = server.CallAsync("{\"method\":\"uptime\",\"id\":2}");
        await WaitUntil(() => server.Server.QueuedRequests == 1);

        var (status, body) = await server.CallAsync("{\"method\":\"uptime\",\"id\":3}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Work queue depth exceeded", body);

        server.Gate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await running).Status);
        Assert.Equal(HttpStatusCode.OK, (await queued).Status);
    }

    [Fact]
    public async Task OversizedBodyIsRefusedWith413()
    {
        await using var server = await TestRpcServer.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(server.Endpoint);
        var stream = client.GetStream();
        string head = $"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {RpcServerOptions.MaxBodySize + 1}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var reader = new StreamReader(stream, Encoding.ASCII);
        string? statusLine = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhitelistLimitsWhatAUserMayCall()
    {
        await using var server = await TestRpcServer.StartAsync(o => o with { User = "alice", Password = "pw", Whitelist = ["alice:uptime, getheight"] });
        Assert.Equal(HttpStatusCode.OK, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}", "alice:pw")).Status);
        var denied = await server.CallAsync("{\"method\":\"whoami\",\"id\":1}", "alice:pw");
        Assert.Equal((HttpStatusCode.Forbidden, ""), denied);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.CallAsync("[{\"method\":\"uptime\",\"id\":1},{\"method\":\"whoami\",\"id\":2}]", "alice:pw")).Status);
    }

    [Fact]
    public async Task WhitelistEdgeCasesMatchCore()
    {
        // The "strange users" of Core's rpc_whitelist.py.
        string[] users = ["empty", "nocolon", "trailing", "overwrite", "twice", "unlisted"];
        await using var server = await TestRpcServer.StartAsync(o => o with
        {
            Auth = users.Select(u => RpcAuth.Create(u, "pw")).ToArray(),
            WhitelistDefault = false,
            Whitelist = ["empty:", "nocolon", "trailing:uptime,", "overwrite:uptime, getheight", "overwrite:uptime", "twice:uptime,uptime"],
        });
        async Task<HttpStatusCode> Status(string user, string method) => (await server.CallAsync($"{{\"method\":\"{method}\",\"params\":[1],\"id\":1}}", user + ":pw")).Status;
        Assert.Equal(HttpStatusCode.Forbidden, await Status("empty", "uptime"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status("nocolon", "uptime"));
        Assert.Equal(HttpStatusCode.InternalServerError, await Status("trailing", "uptime")); // allowed; uptime takes no argument
        Assert.Equal(HttpStatusCode.Forbidden, await Status("overwrite", "getheight"));
        Assert.Equal(HttpStatusCode.InternalServerError, await Status("twice", "uptime"));
        Assert.Equal(HttpStatusCode.OK, await Status("unlisted", "getheight"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("foo")]
    [InlineData("foo:bar")]
    [InlineData("foo:bar:baz")]
    [InlineData("foo$bar:baz")]
    [InlineData("foo$bar$baz")]
    public async Task MalformedRpcAuthValuesFromCoreAreRejected(string value)
        => await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { Auth = [RpcAuth.Create("user1", "bitcoin"), value] }));

    [Fact]
    public async Task UnwritableCookieStopsStartUp()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rpcck-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, ".cookie.tmp"));
        try
        {
            var e = await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { CookieFile = Path.Combine(dir, ".cookie") }));
            Assert.StartsWith("Unable to write the RPC authentication cookie file", e.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, ".cookie")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task WhitelistDefaultLocksOutUsersWithoutAList()
    {
        await using var server = await TestRpcServer.StartAsync(o => o with { WhitelistDefault = true });
        Assert.Equal(HttpStatusCode.Forbidden, (await server.CallAsync("{\"method\":\"uptime\",\"id\":1}")).Status);
    }

    [Fact]
    public async Task PortInUseIsReportedLikeCore()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        int port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var e = await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { Port = port }));
        Assert.Equal("Unable to bind any endpoint for RPC server", e.Message);
        Assert.Contains($"Binding RPC on address 127.0.0.1:{port} failed: Unable to bind to 127.0.0.1:{port} on this computer. Bitcoin Core is probably already running.", e.Warnings);
    }

    [Fact]
    public async Task BindWithoutAllowIpFallsBackToLoopback()
    {
        await using var server = await TestRpcServer.StartAsync(o => o with { AllowIp = [], Bind = ["0.0.0.0"] });
        Assert.Contains(server.Server.Endpoints, e => e.Address.Equals(IPAddress.Loopback));
        Assert.DoesNotContain(server.Server.Endpoints, e => e.Address.Equals(IPAddress.Any));
    }

    [Fact]
    public async Task InvalidPortsStopStartUp()
    {
        var e = await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { Port = 70000 }));
        Assert.Equal("Invalid port specified in -rpcport: '70000'", e.Message);
        var bind = await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { Bind = ["127.0.0.1:notaport"] }));
        Assert.Equal("Invalid port specified in -rpcbind: '127.0.0.1:notaport'", bind.Message);
    }

    [Fact]
    public async Task InvalidAllowIpStopsStartUp()
    {
        var e = await Assert.ThrowsAsync<RpcServerStartException>(() => TestRpcServer.StartAsync(o => o with { AllowIp = ["1.2.3.4/33"] }));
        Assert.StartsWith("Invalid -rpcallowip subnet specification: 1.2.3.4/33.", e.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Polls a state change the test itself caused; the deadline only keeps a broken build from hanging.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Delay(10);
        }
    }
}
