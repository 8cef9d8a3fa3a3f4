using System.Globalization;
using System.Text;
using Ballistics.Ingest.Tables;

namespace Ballistics.Samples;

/// <summary>The corpus's two tables: manifest.csv (what each scan is) and ground_truth.csv (how it was made).</summary>
public static class CorpusManifest
{
    public const string Header = "file,firearm_id,make_model,caliber,ammo,fire_index";

    /// <summary>The ground truth's columns: how each scan was made, then the conditions it was made under (<see cref="ScanConditions.Names"/>; empty where the difficulty decided).</summary>
    public static string GroundTruthHeader { get; } =
        "file,group,rotation_deg,translation_x_um,translation_y_um,lateral_step_um,width,height,instrument,drag_mark,partial_contact,weak_contact_centre_deg,weak_contact_half_width_deg,firing_pin_shape,aperture_shear," + string.Join(',', ScanConditions.Names);

    public static string Format(IEnumerable<ManifestRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            CsvText.AppendLine(text, [r.File, r.FirearmId, r.MakeModel, r.Caliber, r.Ammo, r.FireIndex.ToString(CultureInfo.InvariantCulture)]);
        }

        return text.ToString();
    }

    public static string FormatGroundTruth(IEnumerable<GroundTruthRow> rows)
    {
        var text = new StringBuilder(GroundTruthHeader).Append('\n');
        foreach (var r in rows)
        {
            CsvText.AppendLine(text,
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
                r.WeakContact?.CentreDeg.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty,
                r.WeakContact?.HalfWidthDeg.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty,
                r.FiringPinShape.ToString().ToLowerInvariant(),
                r.HasApertureShear ? "true" : "false",
                .. (r.Conditions ?? ScanConditions.None).Values(),
            ]);
        }

        return text.ToString();
    }

    /// <summary>Reads a manifest written by <see cref="Format"/>; throws <see cref="InvalidDataException"/> naming the bad line.</summary>
    public static IReadOnlyList<ManifestRow> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using (var reader = new StreamReader(path, CsvText.Utf8))
        {
            if (reader.ReadLine() != Header)
            {
                throw new InvalidDataException($"{path}: the first line must be '{Header}'.");
            }
        }

        var table = CsvTable.Read(path, Header.Split(','));
        if (!table.Success)
        {
            throw new InvalidDataException(table.Error.ToString());
        }

        var rows = new List<ManifestRow>(table.Value.Rows.Count);
        foreach (var r in table.Value.Rows)
        {
            if (!int.TryParse(r["fire_index"], NumberStyles.None, CultureInfo.InvariantCulture, out var fire))
            {
                throw new InvalidDataException($"{path}:{r.Line}: fire_index '{r["fire_index"]}' is not a whole number.");
            }

            rows.Add(new ManifestRow(r["file"], r["firearm_id"], r["make_model"], r["caliber"], r["ammo"], fire));
        }

        return rows;
    }
}
