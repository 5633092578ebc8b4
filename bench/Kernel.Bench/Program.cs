using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Kernel.Bench;

// A short job keeps a run within a minute or two on a small machine; pass BenchmarkDotNet arguments to change it.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1));
BenchmarkRunner.Run<ScriptVerificationBenchmarks>(config, args);
