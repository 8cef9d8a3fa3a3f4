using BenchmarkDotNet.Running;

namespace Ballistics.Bench;

/// <summary>One benchmark executable; pick benchmarks with --filter (see docs/benchmarks.md).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
