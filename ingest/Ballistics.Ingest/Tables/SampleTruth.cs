using System.Globalization;

namespace Ballistics.Ingest.Tables;

/// <summary>What the generator knows about one scan beyond its firearm: its production group and the angle it was turned by.</summary>
/// <param name="Group">Production group (firearms made one after another with the same tools), or null when not given.</param>
/// <param name="RotationDeg">Angle the scan was turned by, or null when not given.</param>
/// <param name="Conditions">
/// The conditions the scan was made under (the generator's condition columns, e.g. <c>dropout</c>, <c>layout</c>), by
/// column; only those given.
/// </param>
public readonly record struct SampleTruthEntry(string? Group, double? RotationDeg, IReadOnlyDictionary<string, string>? Conditions = null);

/// <summary>
/// A generated set's `ground_truth.csv` (`file,group,rotation_deg,…` as `ballistics samples generate` writes it; only
/// file is required): files relative to the table's folder, keyed by full path.
/// </summary>
public static class SampleTruth
{
    /// <summary>Columns that describe the scan's making rather than a condition it was made under.</summary>
    private static readonly HashSet<string> Described = new(StringComparer.Ordinal)
    {
        "file", "group", "rotation_deg", "translation_x_um", "translation_y_um", "lateral_step_um", "width", "height", "instrument", "drag_mark", "partial_contact",
    };

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
            var conditions = table.Value.Columns.Where(c => !Described.Contains(c) && row[c].Length > 0).ToDictionary(c => c, c => row[c], StringComparer.Ordinal);
            entries[Path.GetFullPath(file, folder)] = new SampleTruthEntry(group.Length == 0 ? null : group, rotation, conditions);
        }

        return IngestResult<SampleTruthResult>.Ok(new SampleTruthResult(entries, errors));
    }
}

/// <summary>The good rows of a ground-truth table by full path, and the located problems of the others.</summary>
public sealed record SampleTruthResult(IReadOnlyDictionary<string, SampleTruthEntry> Entries, IReadOnlyList<IngestError> Errors);
