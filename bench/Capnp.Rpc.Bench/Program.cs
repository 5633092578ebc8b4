using BenchmarkDotNet.Running;

// `echo [calls]` prints the figure (echo round trips beside a raw ping-pong of the same bytes);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "echo")
    return await Capnp.Rpc.Bench.EchoRunner.RunAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Capnp.Rpc.Bench.RpcBenchmarks).Assembly).Run(args);
return 0;
