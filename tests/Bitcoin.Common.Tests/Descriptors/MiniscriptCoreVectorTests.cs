using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors.Miniscript;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>
/// Core's miniscript_tests.cpp fixed_tests: type checking, script encoding, decoding round trip and resource
/// limits in both P2WSH and tapscript contexts.
/// </summary>
public class MiniscriptCoreVectorTests
{
    private const int Valid = 1, NonMal = 2, NeedSig = 4, TimelockMix = 8, P2wshInvalid = 16, TapscriptInvalid = 32;

    private static readonly Lazy<JsonArray> s_cases = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "Bitcoin.Common.Tests", "Descriptors", "Data", "miniscript_tests.json");
            if (File.Exists(path)) return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        }
        throw new FileNotFoundException("miniscript_tests.json");
    });

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < s_cases.Value.Count; i++)
        {
            string ms = (string)s_cases.Value[i]!["ms"]!;
            data.Add(i, ms.Length > 60 ? ms[..60] : ms);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesCoreInBothContexts(int index, string label)
    {
        _ = label;
        var c = s_cases.Value[index]!.AsObject();
        string ms = (string)c["ms"]!;
        string hex = (string)c["hex"]!;
        string tapHex = (string)c["tapHex"]!;
        int mode = (int)c["mode"]!;
        int ops = c["ops"] is JsonNode o ? (int)o : -1;
        int stack = c["stack"] is JsonNode s ? (int)s : -1;
        uint? witSize = c["witSize"] is JsonNode w ? (uint)(long)w : null;
        uint? tapWitSize = c["tapWitSize"] is JsonNode tw ? (uint)(long)tw : null;
        uint? stackExec = c["stackExec"] is JsonNode se ? (uint)(long)se : null;
        Check(ms, hex, mode, MiniscriptContext.P2WSH, ops, stack, witSize, stackExec);
        Check(ms, tapHex == "=" ? hex : tapHex, mode, MiniscriptContext.Tapscript, ops, stack, tapWitSize, stackExec);
    }

    internal static void Check(string ms, string hex, int mode, MiniscriptContext ctx, int ops = -1, int stack = -1,
        uint? witSize = null, uint? stackExec = null)
    {
        var keys = new MiniscriptTestKeys(ctx);
        var node = MiniscriptParser.FromString(ms, keys);
        bool tap = ctx == MiniscriptContext.Tapscript;
        if (mode == 0 || ((mode & P2wshInvalid) != 0 && !tap) || ((mode & TapscriptInvalid) != 0 && tap))
        {
            Assert.True(node is null || !node.IsValid(), "Unexpectedly valid: " + ms);
            return;
        }
        Assert.NotNull(node);
        Assert.True(node.IsValid(), "Invalid: " + ms);
        Assert.True(node.IsValidTopLevel(), "Invalid top level: " + ms);
        var script = node.ToScript(keys);
        Assert.Equal(node.ScriptSize, script.Length);
        if (hex != "?") Assert.Equal(hex, Convert.ToHexString(script).ToLowerInvariant());
        Assert.Equal((mode & NonMal) != 0, node.IsNonMalleable());
        Assert.Equal((mode & NeedSig) != 0, node.NeedsSignature());
        Assert.Equal((mode & TimelockMix) == 0, node.Type.Is("k"));
        var inferred = MiniscriptDecoder.FromScript(script, keys);
        Assert.True(inferred is not null, "Cannot infer miniscript from script: " + ms);
        Assert.Equal(script, inferred.ToScript(keys));
        if (ops != -1) Assert.Equal((uint)ops, node.GetOps());
        if (stack != -1) Assert.Equal((uint)stack, node.GetStackSize());
        if (witSize is not null) Assert.Equal(witSize, node.GetWitnessSize());
        if (stackExec is not null) Assert.Equal(stackExec, node.GetExecStackSize());
    }

    [Fact]
    public void MultiAAcceptsMoreThanTwentyKeysOnlyInTapscript()
    {
        var sb = new StringBuilder("multi_a(1,");
        for (int i = 0; i < 21; i++)
        {
            sb.Append(MiniscriptTestKeys.Keys[i].ToHex());
            if (i < 20) sb.Append(',');
        }
        sb.Append(')');
        string expectedTap = string.Concat(Enumerable.Range(0, 21).Select(i =>
            "20" + MiniscriptTestKeys.Keys[i].ToHex()[2..] + (i == 0 ? "ac" : "ba"))) + "519c";
        Check(sb.ToString(), "?", Valid | NonMal | NeedSig | P2wshInvalid, MiniscriptContext.P2WSH);
        Check(sb.ToString(), expectedTap, Valid | NonMal | NeedSig | P2wshInvalid, MiniscriptContext.Tapscript);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(110)]
    [InlineData(200)]
    public void TapscriptAllowsWhatP2wshLimitsForbid(int pkCount)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < pkCount - 1; i++) sb.Append("and_b(pk(").Append(MiniscriptTestKeys.Keys[i].ToHex()).Append("),a:");
        sb.Append("pk(").Append(MiniscriptTestKeys.Keys[pkCount - 1].ToHex()).Append(')').Append(')', pkCount - 1);
        int mode = Valid | NonMal | NeedSig | P2wshInvalid;
        Check(sb.ToString(), "?", mode, MiniscriptContext.P2WSH);
        Check(sb.ToString(), "?", mode, MiniscriptContext.Tapscript, pkCount + (pkCount - 1) * 3, pkCount, null, (uint)pkCount + 1);
    }

    [Fact]
    public void ExecutionStackOfThousandIsTheTapscriptLimit()
    {
        var keys = new MiniscriptTestKeys(MiniscriptContext.Tapscript);
        int count = 998;
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.Append("and_b(older(1),a:");
        sb.Append("pk(").Append(MiniscriptTestKeys.Keys[0].ToHex()).Append(')').Append(')', count);
        string ok = sb.ToString();
        var node = MiniscriptParser.FromString(ok, keys);
        Assert.NotNull(node);
        Assert.True(node.CheckStackSize());
        int mode = Valid | NonMal | NeedSig | P2wshInvalid;
        Check(ok, "?", mode, MiniscriptContext.Tapscript, 4 * count + 1, 1, null, (uint)(1 + count + 1));

        count++;
        string tooDeep = "and_b(older(1),a:" + ok + ")";
        var node2 = MiniscriptParser.FromString(tooDeep, keys);
        Assert.NotNull(node2);
        Assert.False(node2.CheckStackSize());
        Check(tooDeep, "?", mode, MiniscriptContext.Tapscript, 4 * count + 1, 1, null, (uint)(1 + count + 1));
    }

    [Theory]
    [InlineData("ac519c")]
    [InlineData("ba20c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5ba519c")]
    [InlineData("ac2079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798ac20c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5ba519c")]
    public void MalformedMultiAScriptsDoNotDecode(string hex)
        => Assert.Null(MiniscriptDecoder.FromScript(Convert.FromHexString(hex), new MiniscriptTestKeys(MiniscriptContext.Tapscript)));

    [Theory]
    [InlineData("0000210232780000feff00ffffffffffff21ff005f00ae21ae00000000060602060406564c2102320000060900fe00005f00ae21ae00100000060606060606000000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("2103a0434d9e47f3c86235477c7b1ae6ae5d3442d49b1943c2b752a68e2a47e247c7ac6951")]
    public void NonMinimalPushesAndVerifiesDoNotDecode(string hex)
    {
        Assert.Null(MiniscriptDecoder.FromScript(Convert.FromHexString(hex), new MiniscriptTestKeys(MiniscriptContext.P2WSH)));
        Assert.Null(MiniscriptDecoder.FromScript(Convert.FromHexString(hex), new MiniscriptTestKeys(MiniscriptContext.Tapscript)));
    }

    [Fact]
    public void MultiCountsKeysAsOpsButSignaturesAsStack()
    {
        var node = MiniscriptParser.FromString("multi(1,03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65,03fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556,0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)",
            new MiniscriptTestKeys(MiniscriptContext.P2WSH));
        Assert.NotNull(node);
        Assert.Equal(4u, node.GetOps());
        Assert.Equal(2u, node.GetStackSize());
    }

    [Fact]
    public void DupIfIsNotUnitInP2wsh()
    {
        var node = MiniscriptParser.FromString("thresh(3,c:pk_k(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65),sc:pk_k(03fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556),sc:pk_k(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798),sdv:older(32))",
            new MiniscriptTestKeys(MiniscriptContext.P2WSH));
        Assert.NotNull(node);
        Assert.False(node.IsValid());
    }

    [Theory]
    [InlineData("and_v(v:pk(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65),pk(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65))")]
    [InlineData("or_b(c:pk_k(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65),ac:pk_h(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65))")]
    [InlineData("or_i(and_b(pk(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65),s:pk(03fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556)),and_b(older(1),s:pk(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65)))")]
    [InlineData("thresh(2,pkh(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65),s:pk(03fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556),a:and_b(dv:older(1),s:pk(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65)))")]
    public void DuplicateKeysAreNotSane(string ms)
    {
        var node = MiniscriptParser.FromString(ms, new MiniscriptTestKeys(MiniscriptContext.P2WSH));
        Assert.NotNull(node);
        Assert.False(node.IsSane());
        Assert.False(node.CheckDuplicateKey());
    }

    [Fact]
    public void SingleKeyIsSane()
    {
        var node = MiniscriptParser.FromString("pk(03d30199d74fb5a22d47b6e054e2f378cedacffcb89904a61d75d0dbd407143e65)", new MiniscriptTestKeys(MiniscriptContext.P2WSH));
        Assert.NotNull(node);
        Assert.True(node.CheckDuplicateKey());
        Assert.True(node.IsSane());
    }

    [Fact]
    public void FindInsaneSubReportsTheDeepestProblem()
    {
        var keys = new MiniscriptTestKeys(MiniscriptContext.P2WSH);
        var node = MiniscriptParser.FromString("or_i(and_b(after(1),a:after(1000000000)),pk(03cdabb7f2dce7bfbd8a0b9570c6fd1e712e5d64045e9d6b517b3d5072251dc204))", keys);
        Assert.NotNull(node);
        Assert.True(node.IsValid());
        Assert.False(node.IsSane());
        var insane = node.FindInsaneSub();
        Assert.NotNull(insane);
        Assert.Equal("and_b(after(1),a:after(1000000000))", insane.ToString(keys, out _));
    }

    [Theory]
    [InlineData("after(-1)")]
    [InlineData("after(+1)")]
    [InlineData("thresh(-1,pk(03cdabb7f2dce7bfbd8a0b9570c6fd1e712e5d64045e9d6b517b3d5072251dc204))")]
    [InlineData("multi(+1,03cdabb7f2dce7bfbd8a0b9570c6fd1e712e5d64045e9d6b517b3d5072251dc204)")]
    public void SignedNumbersDoNotParse(string ms)
        => Assert.Null(MiniscriptParser.FromString(ms, new MiniscriptTestKeys(MiniscriptContext.P2WSH)));

    [Fact]
    public void DeepTreesDoNotOverflowTheStack()
    {
        // 20000 nested wrappers: every whole-tree operation must be iterative.
        var keys = new MiniscriptTestKeys(MiniscriptContext.Tapscript);
        string ms = string.Concat(Enumerable.Repeat("and_v(v:1,", 20000)) + "pk(" + MiniscriptTestKeys.Keys[0].ToHex() + ")" + new string(')', 20000);
        var node = MiniscriptParser.FromString(ms, keys);
        Assert.NotNull(node);
        var script = node.ToScript(keys);
        Assert.NotNull(node.ToString(keys, out _));
        Assert.NotNull(MiniscriptDecoder.FromScript(script, keys));
        _ = node.FindInsaneSub();
        _ = Script.FromBytesUnsafe(script);
    }
}
