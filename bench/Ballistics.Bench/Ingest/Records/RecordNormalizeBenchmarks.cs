using System.Text;
using BenchmarkDotNet.Attributes;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Testing;

namespace Ballistics.Bench.Ingest.Records;

/// <summary>
/// Record intake throughput: read and normalise seeded (42) Spanish seizure rows, about one in twenty
/// with a bad value, from memory. Each operation is one record, so the mean is the time per record
/// and 1 s / mean the records per second on one core. The NDJSON case holds the same rows as objects.
/// </summary>
[MemoryDiagnoser]
public class RecordNormalizeBenchmarks
{
    private const int Records = 20_000;

    private static readonly NormalizeOptions Options = new() { Locale = DateLocale.EsMx, Today = new DateOnly(2026, 1, 1) };

    private byte[] _csv = [];
    private byte[] _ndjson = [];

    [GlobalSetup]
    public void Setup()
    {
        var csv = RecordRows.SeizureCsv(Records, seed: 42);
        _csv = Encoding.UTF8.GetBytes(csv);
        _ndjson = Encoding.UTF8.GetBytes(RecordRows.AsJson(csv, ndjson: true));
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "normalise CSV record")]
    public int Csv() => Normalize(_csv, RecordFormat.Csv);

    [Benchmark(OperationsPerInvoke = Records, Description = "normalise NDJSON record")]
    public int Ndjson() => Normalize(_ndjson, RecordFormat.Ndjson);

    private static int Normalize(byte[] bytes, RecordFormat format)
    {
        using var reader = RecordFileReader.Open(new MemoryStream(bytes, writable: false), "bench", format, RecordKind.Seizure, Options).Value;
        var ok = 0;
        while (reader.Next() is { } result)
        {
            ok += result.IsOk ? 1 : 0;
        }

        return ok;
    }
}
