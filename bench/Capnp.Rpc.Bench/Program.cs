using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Capnp.Rpc.Bench.RpcBenchmarks).Assembly).Run(args);
