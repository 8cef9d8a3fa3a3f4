using System.Globalization;
using System.Text;

namespace Ballistics.Samples;

/// <summary>The corpus's two tables: manifest.csv (what each scan is) and ground_truth.csv (how it was made).</summary>
public static class CorpusManifest
{
    public const string Header = "file,firearm_id,make_model,caliber,ammo,fire_index";

    public const string GroundTruthHeader =
        "file,group,rotation_deg,translation_x_um,translation_y_um,lateral_step_um,width,height,instrument,drag_mark,partial_contact";

    public static string Format(IEnumerable<ManifestRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            Csv.AppendLine(text, [r.File, r.FirearmId, r.MakeModel, r.Caliber, r.Ammo, r.FireIndex.ToString(CultureInfo.InvariantCulture)]);
        }

        return text.ToString();
    }

    public static string FormatGroundTruth(IEnumerable<GroundTruthRow> rows)
    {
        var text = new StringBuilder(GroundTruthHeader).Append('\n');
        foreach (var r in rows)
        {
            Csv.AppendLine(text,
            [
                r.File,
                r.GroupNumber.ToString(CultureInfo.InvariantCulture),
                r.RotationDeg.ToString("F4", CultureInfo.InvariantCulture),
                r.TranslationXUm.ToString("F3", CultureInfo.InvariantCulture),
                r.TranslationYUm.ToString("F3", CultureInfo.InvariantCulture),
                r.LateralStepUm.ToString("R", CultureInfo.InvariantCulture),
                r.Width.ToString(CultureInfo.InvariantCulture),
                r.Height.ToString(CultureInfo.InvariantCulture),
                r.Instrument,
                r.HasDragMark ? "true" : "false",
                r.HasPartialContact ? "true" : "false",
            ]);
        }

        return text.ToString();
    }

    /// <summary>Reads a manifest written by <see cref="Format"/>; throws <see cref="InvalidDataException"/> naming the bad line.</summary>
    public static IReadOnlyList<ManifestRow> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = File.ReadAllLines(path, Csv.Utf8);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidDataException($"{path}: the first line must be '{Header}'.");
        }

        var rows = new List<ManifestRow>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var f = Csv.ParseLine(lines[i]);
            if (f.Count != 6 || !int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var fire))
            {
                throw new InvalidDataException($"{path}:{i + 1}: expected 6 fields ending in a fire index, got '{lines[i]}'.");
            }

            rows.Add(new ManifestRow(f[0], f[1], f[2], f[3], f[4], fire));
        }

        return rows;
    }
}
