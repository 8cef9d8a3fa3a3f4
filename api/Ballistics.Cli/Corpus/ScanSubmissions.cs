using Ballistics.Engine.Surfaces;
using Ballistics.Ingest;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Scans;
using Ballistics.Ingest.Tables;
using Ballistics.Store.Scans;

namespace Ballistics.Cli.Corpus;

/// <summary>
/// What `corpus add` was asked to store: the files named (folders give their x3p files and PNG/TIFF photographs,
/// recursively) and the manifest's rows, each with its metadata read from the manifest where it is listed. A manifest
/// row with bad metadata is refused with its line and field; its file is not added without it. A photograph's pixel size
/// and light given on the command line go into its metadata, so the store reads it again as it was added.
/// </summary>
internal static class ScanSubmissions
{

    public static (List<ScanSubmission> Submissions, List<IngestError> Errors) Collect(
        IReadOnlyList<string> paths, string? manifestPath, DateLocale locale, double? pixelSizeUm = null, ImageLighting lighting = ImageLighting.Unknown)
    {
        var (submissions, errors) = Listed(paths, manifestPath, locale);
        if (pixelSizeUm is null && lighting == ImageLighting.Unknown)
        {
            return (submissions, errors);
        }

        ScanSubmission Stated(ScanSubmission s)
        {
            if (!SurfaceFiles.IsImage(s.Path))
            {
                return s;
            }

            var m = s.Metadata ?? new ScanItemMetadata { ExhibitId = Path.GetFileNameWithoutExtension(s.Path) };
            return s with { Metadata = m with { PixelSizeUm = m.PixelSizeUm ?? pixelSizeUm, Lighting = m.Lighting ?? (lighting == ImageLighting.Unknown ? null : lighting) } };
        }

        return ([.. submissions.Select(Stated)], errors);
    }

    private static (List<ScanSubmission> Submissions, List<IngestError> Errors) Listed(IReadOnlyList<string> paths, string? manifestPath, DateLocale locale)
    {
        var errors = new List<IngestError>();
        var fromManifest = new Dictionary<string, ScanSubmission>(StringComparer.Ordinal);
        var order = new List<string>();
        if (manifestPath is not null)
        {
            var table = CsvTable.Read(manifestPath, ["file"]);
            if (!table.Success)
            {
                errors.Add(table.Error);
                return ([], errors);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
            foreach (var row in table.Value.Rows)
            {
                var file = row["file"];
                if (file.Length == 0)
                {
                    errors.Add(new IngestError(IngestErrorKind.MissingField, manifestPath, $"line {row.Line}, field file", "empty value"));
                    continue;
                }

                var full = Path.GetFullPath(file, folder);
                var metadata = ScanItemFields.Read(row.Fields, file, manifestPath, row.Line, locale);
                if (!metadata.Success)
                {
                    errors.Add(metadata.Error);
                    continue;
                }

                if (fromManifest.TryAdd(full, new ScanSubmission(full, metadata.Value)))
                {
                    order.Add(full);
                }
                else
                {
                    errors.Add(new IngestError(IngestErrorKind.InvalidValue, manifestPath, $"line {row.Line}, field file", $"{file} is listed twice"));
                }
            }
        }

        if (paths.Count == 0)
        {
            return ([.. order.Select(p => fromManifest[p])], errors);
        }

        var submissions = new List<ScanSubmission>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            IEnumerable<string> files;
            if (Directory.Exists(full))
            {
                files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(f => Path.GetExtension(f).Equals(".x3p", StringComparison.OrdinalIgnoreCase) || SurfaceFiles.IsImage(f))
                    .Order(StringComparer.Ordinal);
            }
            else if (File.Exists(full))
            {
                files = [full];
            }
            else
            {
                errors.Add(new IngestError(IngestErrorKind.NotFound, path, null, "no such file or folder"));
                continue;
            }

            foreach (var file in files.Where(seen.Add))
            {
                submissions.Add(fromManifest.GetValueOrDefault(file) ?? new ScanSubmission(file));
            }
        }

        return (submissions, errors);
    }
}
