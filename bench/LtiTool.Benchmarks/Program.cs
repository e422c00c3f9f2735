using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(LtiTool.Benchmarks.LaunchValidatorBenchmarks).Assembly).Run(args);
