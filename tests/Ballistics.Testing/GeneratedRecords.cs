using System.Globalization;
using Ballistics.Ingest.Records;
using Ballistics.Samples;

namespace Ballistics.Testing;

/// <summary>
/// The linked records `samples generate` writes (transactions, seizures, traces) for a corpus of one scan per firearm,
/// written without the scans, and read back as rows by column name so a test can compute what a report must say from
/// the files themselves.
/// </summary>
public sealed class GeneratedRecords
{
    private static readonly string[] Archetypes = ["Glock 17-like", "Smith & Wesson M&P9-like", "Sig Sauer P226-like"];

    private GeneratedRecords(string folder)
    {
        Folder = folder;
        Transactions = Read(TransactionsFile);
        Seizures = Read(SeizuresFile);
        Traces = Read(TracesFile);
    }

    public string Folder { get; }

    public string TransactionsFile => Path.Combine(Folder, LinkedRecords.TransactionsFile);

    public string SeizuresFile => Path.Combine(Folder, LinkedRecords.SeizuresFile);

    public string TracesFile => Path.Combine(Folder, LinkedRecords.TracesFile);

    /// <summary>The three files with the kind `records ingest` takes each as, transactions first (as a store fills).</summary>
    public IReadOnlyList<(string File, RecordKind Kind)> Files => [(TransactionsFile, RecordKind.Transaction), (SeizuresFile, RecordKind.Seizure), (TracesFile, RecordKind.Trace)];

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Transactions { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Seizures { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Traces { get; }

    /// <summary>The records of <paramref name="firearms"/> generated firearms under <c>corpusFolder/records/</c>.</summary>
    public static GeneratedRecords Write(string corpusFolder, int seed, int firearms)
    {
        var rows = Enumerable.Range(1, firearms)
            .Select(i => new ManifestRow(string.Create(CultureInfo.InvariantCulture, $"scans/F{i:D4}_fire01.x3p"), string.Create(CultureInfo.InvariantCulture, $"F{i:D4}"), Archetypes[i % Archetypes.Length], "9mm Luger", "Federal", 1))
            .ToArray();
        return new GeneratedRecords(LinkedRecords.Write(seed, rows, corpusFolder));
    }

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Rows by header name; the generator quotes no field of these files (none holds a comma), which this checks.</summary>
    private static List<IReadOnlyDictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var fields = line.Split(',');
            return fields.Length == header.Length && !line.Contains('"', StringComparison.Ordinal)
                ? (IReadOnlyDictionary<string, string>)header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)
                : throw new InvalidDataException($"{path}: a row the test cannot split: {line}");
        })];
    }
}
