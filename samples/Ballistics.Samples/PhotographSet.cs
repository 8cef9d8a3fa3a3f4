using System.Globalization;
using System.Text;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Images;
using Ballistics.Ingest.Tables;
using Ballistics.Ingest.X3p;

namespace Ballistics.Samples;

/// <summary>Which lights a set of photographs is taken under.</summary>
public enum PhotographLighting
{
    Ring,
    Side,

    /// <summary>Ring or side, drawn for each photograph.</summary>
    Mixed,
}

/// <summary>Which file format a set of photographs is written in.</summary>
public enum PhotographFormat
{
    Png,
    Tiff,

    /// <summary>PNG or TIFF, drawn for each photograph.</summary>
    Mixed,
}

/// <summary>What rendering a labelled set wrote: photographs, and the scans that could not be read.</summary>
public sealed record PhotographSetSummary(int Written, IReadOnlyList<IngestError> Errors, string ManifestPath);

/// <summary>
/// Photographs of every scan of a labelled set (a manifest as `samples generate` writes it, or the shared real sets'),
/// each under its own drawn light and camera (<see cref="PhotographOptions.Draw"/>), written as PNG or TIFF with the pixel
/// size in the file. The photographs keep their scans' labels: the new manifest has the old one's columns with the
/// photograph as `file`, and `source` (the scan), `lighting`, `pixel_size_um` and the rest of its light and camera beside
/// them; a `ground_truth.csv` beside the old manifest is written again for the photographs, with their light and camera as
/// conditions; <see cref="CrossManifestName"/> lists the scans with their photographs. The same seed gives the same bytes.
/// </summary>
public static class PhotographSet
{
    public const string PhotoFolder = "photos";

    /// <summary>The manifest of the scans and their photographs together, beside the photographs' own.</summary>
    public const string CrossManifestName = "manifest_3d2d.csv";

    /// <summary>Each photograph's columns: what it was taken of, and its light and camera (conditions `eval` breaks its AUC down by).</summary>
    private static readonly string[] PhotographColumns = ["source", "lighting", "pixel_size_um", "elevation_deg", "azimuth_deg", "ring_unevenness", "diffuse", "shininess", "blur_px", "exposure", "gamma", "vignetting", "sensor_noise", "bit_depth"];

    /// <param name="manifestPath">The scans' manifest.</param>
    /// <param name="outDir">Where the photographs and their manifests are written.</param>
    /// <param name="lighting">Ring, side, or either drawn for each photograph.</param>
    /// <param name="format">PNG, TIFF, or either drawn for each photograph.</param>
    /// <param name="seed">Seed of every draw; the same seed gives the same bytes.</param>
    /// <param name="ranges">Settings drawn from a range of their own instead of <see cref="PhotographOptions.Draw"/>'s, at most one per setting.</param>
    public static PhotographSetSummary Render(
        string manifestPath, string outDir, PhotographLighting lighting, PhotographFormat format, int seed, IReadOnlyList<PhotographRange>? ranges = null)
    {
        ranges ??= [];
        if (ranges.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"{twice.Key} is given more than once; give each setting one range", nameof(ranges));
        }

        var manifest = CsvTable.Read(manifestPath, ["file", "firearm_id"]);
        if (!manifest.Success)
        {
            return new PhotographSetSummary(0, [manifest.Error], string.Empty);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath)) ?? ".";
        Directory.CreateDirectory(Path.Combine(outDir, PhotoFolder));
        var rows = manifest.Value.Rows;
        var written = new (string Photo, PhotographOptions Options)?[rows.Count];
        var errors = new IngestError?[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var source = Path.GetFullPath(rows[i]["file"], folder);
            var read = X3pReader.Read(source, X3pReadOptions.Default with { VerifyChecksums = false, IgnoreMask = true });
            if (!read.Success)
            {
                errors[i] = read.Error;
                return;
            }

            // Each photograph's draws depend on the seed and its row alone, so a parallel run writes the same bytes.
            var (bytes, tiff, options) = Take(read.Value, StableHash.Seed(seed, RandomStream.Photograph, i), lighting, format, ranges);
            var name = Path.Combine(PhotoFolder, Path.GetFileNameWithoutExtension(source) + (tiff ? ".tif" : ".png"));
            File.WriteAllBytes(Path.Combine(outDir, name), bytes);
            written[i] = (name.Replace('\\', '/'), options);
        });

        var photos = new Dictionary<string, (string Photo, PhotographOptions Options)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (written[i] is { } w)
            {
                photos[Path.GetFullPath(rows[i]["file"], folder)] = w;
            }
        }

        var outManifest = Path.Combine(outDir, "manifest.csv");
        WriteTable(manifest.Value, folder, photos, outManifest, outDir);
        WriteWithScans(manifest.Value, folder, photos, Path.Combine(outDir, CrossManifestName), outDir);
        var truthPath = Path.Combine(folder, "ground_truth.csv");
        if (File.Exists(truthPath) && CsvTable.Read(truthPath, ["file"]) is { Success: true } truth)
        {
            WriteTable(truth.Value, folder, photos, Path.Combine(outDir, "ground_truth.csv"), outDir);
        }

        return new PhotographSetSummary(photos.Count, [.. errors.OfType<IngestError>()], outManifest);
    }

    /// <summary>
    /// A photograph of <paramref name="scan"/> as a lab would submit it — rendered, written as PNG or TIFF with its pixel
    /// size, and read back by <see cref="ImageReader"/> — with the light and camera it was taken with; for training, where
    /// no file is kept.
    /// </summary>
    /// <param name="scan">The scan photographed.</param>
    /// <param name="seed">The set's seed.</param>
    /// <param name="index">The scan's place in the set: with the seed, it draws the light and camera.</param>
    /// <param name="lighting">Ring, side, or either drawn.</param>
    /// <param name="ranges">Settings drawn from a range of their own, as <see cref="Render"/> takes them.</param>
    public static (Surface Photograph, PhotographOptions Options) Photograph(Surface scan, int seed, int index, PhotographLighting lighting, IReadOnlyList<PhotographRange>? ranges = null)
    {
        var (bytes, tiff, options) = Take(scan, StableHash.Seed(seed, RandomStream.Photograph, index), lighting, PhotographFormat.Mixed, ranges ?? []);
        var read = ImageReader.Read(bytes, tiff ? "rendered.tif" : "rendered.png", pixelSizeUm: null, lighting: options.Lighting);
        return read.Success ? (read.Value, options) : throw new InvalidOperationException($"a rendered photograph did not read back: {read.Error}");
    }

    /// <summary>
    /// One photograph's light and camera drawn from <paramref name="seed"/>, the ranged settings drawn again from a stream of
    /// their own (so a set without ranges keeps its bytes), the scan rendered with them and encoded.
    /// </summary>
    private static (byte[] Bytes, bool Tiff, PhotographOptions Options) Take(
        Surface scan, int seed, PhotographLighting lighting, PhotographFormat format, IReadOnlyList<PhotographRange> ranges)
    {
        var rng = new Random(seed);
        var light = lighting switch
        {
            PhotographLighting.Ring => ImageLighting.Ring,
            PhotographLighting.Side => ImageLighting.Side,
            _ => rng.Chance(0.5) ? ImageLighting.Ring : ImageLighting.Side,
        };
        var options = PhotographOptions.Draw(rng, light);
        var ranged = StableHash.Random(seed, RandomStream.PhotographRanges);
        foreach (var range in ranges)
        {
            options = range.DrawOnto(options, ranged);
        }

        var tiff = format == PhotographFormat.Tiff || (format == PhotographFormat.Mixed && rng.Chance(0.5));
        using var photo = PhotographRenderer.Render(scan, options, rng.Next());
        return (tiff ? ImageWriter.Tiff(photo, options.PixelSizeUm) : ImageWriter.Png(photo, options.PixelSizeUm), tiff, options);
    }

    /// <summary>
    /// The scans photographed and their photographs in one manifest (the photographs' rows as in the manifest, the scans'
    /// with an empty `source`): what `eval` measures 3D ↔ 2D on, never pairing a photograph with its own scan.
    /// </summary>
    private static void WriteWithScans(CsvTable manifest, string folder, Dictionary<string, (string Photo, PhotographOptions Options)> photos, string path, string outDir)
    {
        var text = new StringBuilder();
        CsvText.AppendLine(text, [.. manifest.Columns, .. PhotographColumns]);
        foreach (var row in manifest.Rows)
        {
            var source = Path.GetFullPath(row["file"], folder);
            if (photos.ContainsKey(source))
            {
                var scan = Path.GetRelativePath(Path.GetFullPath(outDir), source).Replace('\\', '/');
                CsvText.AppendLine(text, [.. manifest.Columns.Select(c => c == "file" ? scan : row[c]), .. PhotographColumns.Select(_ => string.Empty)]);
            }
        }

        AppendPhotographs(text, manifest, folder, photos, outDir);
        File.WriteAllText(path, text.ToString(), CsvText.Utf8);
    }

    private static void WriteTable(CsvTable table, string folder, Dictionary<string, (string Photo, PhotographOptions Options)> photos, string path, string outDir)
    {
        var text = new StringBuilder();
        CsvText.AppendLine(text, [.. table.Columns, .. PhotographColumns]);
        AppendPhotographs(text, table, folder, photos, outDir);
        File.WriteAllText(path, text.ToString(), CsvText.Utf8);
    }

    /// <summary>The table's rows for the scans photographed, each with its photograph as `file` and the photograph's columns.</summary>
    private static void AppendPhotographs(StringBuilder text, CsvTable table, string folder, Dictionary<string, (string Photo, PhotographOptions Options)> photos, string outDir)
    {
        foreach (var row in table.Rows)
        {
            var source = Path.GetFullPath(row["file"], folder);
            if (!photos.TryGetValue(source, out var photo))
            {
                continue;
            }

            var fields = table.Columns.Select(c => c == "file" ? photo.Photo : row[c]);
            var o = photo.Options;
            fields = fields.Concat([
                Path.GetRelativePath(Path.GetFullPath(outDir), source).Replace('\\', '/'), ImageLightingNames.Name(o.Lighting),
                .. new[] { o.PixelSizeUm, o.ElevationDeg, o.AzimuthDeg, o.RingUnevenness, o.Diffuse, o.Shininess, o.BlurPx, o.Exposure, o.Gamma, o.Vignetting, o.Noise }
                    .Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)),
                o.BitDepth.ToString(CultureInfo.InvariantCulture)]);

            CsvText.AppendLine(text, fields);
        }
    }
}
