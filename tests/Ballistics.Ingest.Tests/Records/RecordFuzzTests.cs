using System.Text;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Reading;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.Records;

/// <summary>
/// Seeded random and malformed input: whatever a file holds, reading goes to the end, every record
/// comes back in order with a line inside the file, and every rejected record says where and why.
/// </summary>
[TestFixture]
public sealed class RecordFuzzTests
{
    private static readonly HashSet<string> FieldNames =
        Enum.GetValues<RecordField>().Select(RecordFields.Name).Append("record").ToHashSet(StringComparer.Ordinal);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Normalize_GeneratedRowsWithBadValues_OneResultPerRowAndLocatedErrors(int seed)
    {
        var csv = RecordRows.SeizureCsv(2000, seed, badOneIn: 5);

        var results = RecordText.Normalize(csv, RecordKind.Seizure, locale: Ingest.Records.Normalization.DateLocale.EsMx);

        Assert.That(results.Select(r => r.Line), Is.EqualTo(Enumerable.Range(2, 2000)));
        AssertLocated(results);
        Assert.That(results.Count(r => !r.IsOk), Is.InRange(200, 900), "about one row in five carries a bad value");
    }

    [TestCase(11, RecordFormat.Csv)]
    [TestCase(12, RecordFormat.Csv)]
    [TestCase(13, RecordFormat.Json)]
    [TestCase(14, RecordFormat.Ndjson)]
    [TestCase(15, RecordFormat.Json)]
    public void Normalize_MangledFile_NeverAbortsAndEveryRejectIsLocated(int seed, RecordFormat format)
    {
        var rng = new Random(seed);
        var text = format == RecordFormat.Csv ? RecordRows.SeizureCsv(400, seed) : RecordRows.AsJson(RecordRows.SeizureCsv(400, seed), ndjson: format == RecordFormat.Ndjson);
        var mangled = Mangle(text, rng, edits: 300);
        var lines = LineCount(mangled);

        var results = RecordText.Normalize(mangled, RecordKind.Seizure, format);

        Assert.That(results, Has.Count.GreaterThan(300), "a few hundred edits spoil some records, not the file");
        Assert.That(results.Select(r => r.Line), Is.Ordered.Ascending);
        if (format != RecordFormat.Json)
        {
            // Only in a JSON document can two objects stand on one line.
            Assert.That(results.Select(r => r.Line).Distinct().Count(), Is.EqualTo(results.Count));
        }

        Assert.That(results.Select(r => r.Line), Has.All.InRange(1, lines));
        AssertLocated(results);
    }

    [TestCase(21)]
    [TestCase(22)]
    public void Normalize_RandomBytes_NeverThrows(int seed)
    {
        var rng = new Random(seed);
        var bytes = new byte[20_000];
        rng.NextBytes(bytes);
        var csv = Encoding.UTF8.GetBytes(RecordRows.SeizureHeader + "\n").Concat(bytes).ToArray();

        // Random bytes hold UTF-8 characters by chance beside bytes that cannot be UTF-8: a file mixing encodings is
        // refused as a whole, naming the line; any other is read record by record.
        var opened = RecordFileReader.Open(new MemoryStream(csv), "test-input", RecordFormat.Csv, RecordKind.Seizure);
        if (!opened.Success)
        {
            Assert.That(opened.Error!.Location, Does.Match(@"^line \d+$"));
            Assert.That(opened.Error.ToString(), Does.Contain("mixes encodings"));
            return;
        }

        using var reader = opened.Value;
        var results = reader.ReadAll().ToList();

        Assert.That(results.Select(r => r.Line), Is.Ordered.Ascending);
        AssertLocated(results);
    }

    private static void AssertLocated(List<Ingest.Records.Normalization.RecordResult> results)
    {
        foreach (var r in results)
        {
            Assert.That(r.IsOk, Is.EqualTo(r.Errors.Count == 0), $"line {r.Line}");
            Assert.That(r.Errors.Select(e => e.Field), Has.All.Matches<string>(f => f is not null && FieldNames.Contains(f)), $"line {r.Line}");
            Assert.That(r.Errors.Select(e => e.Reason), Has.All.Not.Empty, $"line {r.Line}");
            Assert.That(r.LocatedErrors().Select(e => e.Location), Has.All.StartWith($"line {r.Line}, field "));
        }
    }

    /// <summary>Lines as a text reader counts them: CR, LF and CR LF each end one.</summary>
    private static int LineCount(string text)
    {
        using var reader = new StringReader(text);
        var count = 0;
        while (reader.ReadLine() is not null)
        {
            count++;
        }

        return count;
    }

    /// <summary>Inserts, deletes and swaps characters, favouring the ones that break structure (quotes, delimiters, braces, line ends).</summary>
    private static string Mangle(string text, Random rng, int edits)
    {
        const string nasty = "\",;{}[]:\n\r\t\\\u00e1\u00f1\0";
        var chars = new StringBuilder(text);
        for (var i = 0; i < edits; i++)
        {
            var at = rng.Next(chars.Length);
            switch (rng.Next(3))
            {
                case 0:
                    chars.Insert(at, nasty[rng.Next(nasty.Length)]);
                    break;
                case 1:
                    chars.Remove(at, 1);
                    break;
                default:
                    chars[at] = (char)rng.Next(32, 127);
                    break;
            }
        }

        return chars.ToString();
    }
}
