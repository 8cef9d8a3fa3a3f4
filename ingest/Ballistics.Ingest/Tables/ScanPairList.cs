namespace Ballistics.Ingest.Tables;

/// <summary>A pair of scans to compare, as written in a pair list and resolved to full paths.</summary>
public sealed record ScanPair(int Line, string A, string B, string PathA, string PathB);

/// <summary>
/// `a,b` pair lists for `ballistics compare --pairs`: paths relative to the list's folder, extra columns
/// ignored. Rows with an empty path are reported by line and left out; the others are kept.
/// </summary>
public static class ScanPairList
{
    public static IngestResult<PairListResult> Read(string path)
    {
        var table = CsvTable.Read(path, ["a", "b"]);
        if (!table.Success)
        {
            return IngestResult<PairListResult>.Fail(table.Error);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var pairs = new List<ScanPair>();
        var errors = new List<IngestError>();
        foreach (var row in table.Value.Rows)
        {
            var a = row["a"];
            var b = row["b"];
            if (a.Length == 0 || b.Length == 0)
            {
                errors.Add(new IngestError(IngestErrorKind.MissingField, path, $"line {row.Line}, field {(a.Length == 0 ? "a" : "b")}", "empty scan path"));
                continue;
            }

            pairs.Add(new ScanPair(row.Line, a, b, Path.GetFullPath(a, folder), Path.GetFullPath(b, folder)));
        }

        return IngestResult<PairListResult>.Ok(new PairListResult(pairs, errors));
    }
}

/// <summary>The good pairs of a list and the located problems of the others.</summary>
public sealed record PairListResult(IReadOnlyList<ScanPair> Pairs, IReadOnlyList<IngestError> Errors);
