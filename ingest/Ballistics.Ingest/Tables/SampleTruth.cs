using System.Globalization;

namespace Ballistics.Ingest.Tables;

/// <summary>What the generator knows about one scan beyond its firearm: its production group and the angle it was turned by.</summary>
/// <param name="Group">Production group (firearms made one after another with the same tools), or null when not given.</param>
/// <param name="RotationDeg">Angle the scan was turned by, or null when not given.</param>
/// <param name="Conditions">
/// The conditions the scan was made under (the generator's condition columns, e.g. <c>dropout</c>, <c>layout</c>), by
/// column; only those given.
/// </param>
/// <param name="WeakContact">The sector that barely touched the breech face (<c>weak_contact_centre_deg</c>,
/// <c>weak_contact_half_width_deg</c>), or null with full contact or when not given.</param>
public readonly record struct SampleTruthEntry(string? Group, double? RotationDeg, IReadOnlyDictionary<string, string>? Conditions = null, WeakContactSector? WeakContact = null);

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
        "weak_contact_centre_deg", "weak_contact_half_width_deg", "firing_pin_shape", "aperture_shear",
        "source", "azimuth_deg",
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

            if (!Degrees(row, "rotation_deg", path, errors, out var rotation)
                || !Degrees(row, "weak_contact_centre_deg", path, errors, out var weakCentre)
                || !Degrees(row, "weak_contact_half_width_deg", path, errors, out var weakHalfWidth))
            {
                continue;
            }

            var weak = weakCentre is { } centre && weakHalfWidth is { } halfWidth ? new WeakContactSector(centre, halfWidth) : (WeakContactSector?)null;
            var group = row["group"];
            var conditions = table.Value.Columns.Where(c => !Described.Contains(c) && row[c].Length > 0).ToDictionary(c => c, c => row[c], StringComparer.Ordinal);
            entries[Path.GetFullPath(file, folder)] = new SampleTruthEntry(group.Length == 0 ? null : group, rotation, conditions, weak);
        }

        return IngestResult<SampleTruthResult>.Ok(new SampleTruthResult(entries, errors));
    }

    /// <summary>An optional column of degrees: true with null when absent or empty, false (error added) when not a number.</summary>
    private static bool Degrees(CsvRow row, string column, string path, List<IngestError> errors, out double? value)
    {
        value = null;
        var text = row[column];
        if (text.Length == 0)
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var deg) || !double.IsFinite(deg))
        {
            errors.Add(new IngestError(IngestErrorKind.InvalidValue, path, $"line {row.Line}, field {column}", $"'{text}' is not a number of degrees"));
            return false;
        }

        value = deg;
        return true;
    }
}

/// <summary>The good rows of a ground-truth table by full path, and the located problems of the others.</summary>
public sealed record SampleTruthResult(IReadOnlyDictionary<string, SampleTruthEntry> Entries, IReadOnlyList<IngestError> Errors);
