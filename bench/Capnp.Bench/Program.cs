using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Capnp.Bench.MessageBenchmarks).Assembly).Run(args);
