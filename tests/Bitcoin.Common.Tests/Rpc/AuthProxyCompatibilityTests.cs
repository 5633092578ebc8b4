using System.Diagnostics;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>
/// Core's functional test framework talks to our server: its authproxy.py (loaded from Bitcoin Core's source tree,
/// which is not part of this repository) makes positional, named, mixed, failing and batch calls. It needs a Core
/// checkout, which CI cannot have (no network), so it is in the CoreOracle category that <c>.ci/run</c> leaves out; run
/// it with <c>BITCOIN_CORE_SOURCE=&lt;core&gt; dotnet test --filter Category=CoreOracle</c>.
/// </summary>
[Trait("Category", "CoreOracle")]
public class AuthProxyCompatibilityTests
{
    private const string Script = """
import sys, decimal
sys.path.insert(0, sys.argv[1])
from test_framework.authproxy import AuthServiceProxy
from test_framework.util import JSONRPCException
proxy = AuthServiceProxy(sys.argv[2])
assert proxy.getheight(5) == 5, "positional"
assert proxy.getheight(height=3, verbose=True) == 1003, "named"
assert proxy.getheight(4, verbose=True) == 1004, "mixed"
assert proxy.echo(1.5, "x", {"k": [None]}) == [decimal.Decimal("1.5"), "x", {"k": [None]}], "echo"
try:
    proxy.nosuchmethod()
    raise AssertionError("no error")
except JSONRPCException as e:
    assert e.error["code"] == -32601 and e.error["message"] == "Method not found", e.error
try:
    proxy.getheight("5")
    raise AssertionError("no error")
except JSONRPCException as e:
    assert e.error["code"] == -3, e.error
replies = proxy.batch([proxy.getheight.get_request(1), proxy.nosuchmethod.get_request()])
assert replies[0]["result"] == 1 and replies[1]["error"]["code"] == -32601, replies
wallet = AuthServiceProxy(sys.argv[2] + "wallet/w1")
assert wallet.whoami()["wallet"] == "w1"
print("authproxy ok")
""";

    private static string? FindCoreFunctionalTests()
    {
        string? root = Environment.GetEnvironmentVariable("BITCOIN_CORE_SOURCE");
        foreach (var candidate in new[] { root, "/work/core" })
        {
            if (candidate is null) continue;
            string dir = Path.Combine(candidate, "test", "functional");
            if (File.Exists(Path.Combine(dir, "test_framework", "authproxy.py"))) return dir;
        }
        return null;
    }

    [Fact]
    public async Task CoreAuthProxyDrivesTheServer()
    {
        string? functional = FindCoreFunctionalTests();
        // Selected explicitly (the category), so a missing Core checkout is a failure, not a silent pass.
        Assert.True(functional is not null, "Bitcoin Core's test/functional is needed: set BITCOIN_CORE_SOURCE to a Core checkout");

        await using var server = await TestRpcServer.StartAsync();
        string credentials = server.CookieCredentials;
        string url = $"http://{credentials}@127.0.0.1:{server.Endpoint.Port}/";
        string scriptPath = Path.Combine(server.Directory, "check_authproxy.py");
        await File.WriteAllTextAsync(scriptPath, Script);

        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(scriptPath);
        psi.ArgumentList.Add(functional);
        psi.ArgumentList.Add(url);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("python3 is needed for this test");
            return;
        }
        using (process)
        {
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
                Assert.True(process.ExitCode == 0, await stderr);
                Assert.Equal("authproxy ok\n", await stdout);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }
    }
}
