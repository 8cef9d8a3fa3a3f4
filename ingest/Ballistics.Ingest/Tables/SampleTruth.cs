using System.Globalization;

namespace Ballistics.Ingest.Tables;

/// <summary>What the generator knows about one scan beyond its firearm: its production group and the angle it was turned by.</summary>
/// <param name="Group">Production group (firearms made one after another with the same tools), or null when not given.</param>
/// <param name="RotationDeg">Angle the scan was turned by, or null when not given.</param>
public readonly record struct SampleTruthEntry(string? Group, double? RotationDeg);

/// <summary>
/// A generated set's `ground_truth.csv` (`file,group,rotation_deg,…` as `ballistics samples generate` writes it; only
/// file is required): files relative to the table's folder, keyed by full path.
/// </summary>
public static class SampleTruth
{
    public static IngestResult<SampleTruthResult> Read(string path)
    {
        var table = CsvTable.Read(path, ["file"]);
        if (!table.Success)
        {
            return IngestResult<SampleTruthResult>.Fail(table.Error);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var entries = new Dictionary<string, SampleTruthEntry>(StringComparer.Ordinal);
        var errors = new List<IngestError>();
        foreach (var row in table.Value.Rows)
        {
            var file = row["file"];
            if (file.Length == 0)
            {
                errors.Add(new IngestError(IngestErrorKind.MissingField, path, $"line {row.Line}, field file", "empty value"));
                continue;
            }

            double? rotation = null;
            var angle = row["rotation_deg"];
            if (angle.Length > 0)
            {
                if (!double.TryParse(angle, NumberStyles.Float, CultureInfo.InvariantCulture, out var deg) || !double.IsFinite(deg))
                {
                    errors.Add(new IngestError(IngestErrorKind.InvalidValue, path, $"line {row.Line}, field rotation_deg", $"'{angle}' is not a number of degrees"));
                    continue;
                }

                rotation = deg;
            }

            var group = row["group"];
            entries[Path.GetFullPath(file, folder)] = new SampleTruthEntry(group.Length == 0 ? null : group, rotation);
        }

        return IngestResult<SampleTruthResult>.Ok(new SampleTruthResult(entries, errors));
    }
}

/// <summary>The good rows of a ground-truth table by full path, and the located problems of the others.</summary>
public sealed record SampleTruthResult(IReadOnlyDictionary<string, SampleTruthEntry> Entries, IReadOnlyList<IngestError> Errors);
