namespace Ballistics.Ingest.Tables;

/// <summary>One labelled scan of a manifest: the file as written, its full path and its firearm (the ground truth of an evaluation).</summary>
public sealed record ManifestEntry(int Line, string File, string FullPath, string FirearmId, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// A corpus manifest as `ballistics samples generate` writes it (`file,firearm_id,make_model,caliber,ammo,fire_index`;
/// only file and firearm_id are required): files relative to the manifest's folder.
/// </summary>
public static class ScanManifest
{
    public static IngestResult<ManifestResult> Read(string path)
    {
        var table = CsvTable.Read(path, ["file", "firearm_id"]);
        if (!table.Success)
        {
            return IngestResult<ManifestResult>.Fail(table.Error);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var entries = new List<ManifestEntry>();
        var errors = new List<IngestError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Value.Rows)
        {
            var file = row["file"];
            var firearm = row["firearm_id"];
            if (file.Length == 0 || firearm.Length == 0)
            {
                errors.Add(new IngestError(IngestErrorKind.MissingField, path, $"line {row.Line}, field {(file.Length == 0 ? "file" : "firearm_id")}", "empty value"));
                continue;
            }

            var full = Path.GetFullPath(file, folder);
            if (!seen.Add(full))
            {
                errors.Add(new IngestError(IngestErrorKind.InvalidValue, path, $"line {row.Line}, field file", $"{file} is listed twice"));
                continue;
            }

            entries.Add(new ManifestEntry(row.Line, file, full, firearm, row.Fields));
        }

        return IngestResult<ManifestResult>.Ok(new ManifestResult(entries, errors));
    }
}

/// <summary>The good entries of a manifest and the located problems of the others.</summary>
public sealed record ManifestResult(IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<IngestError> Errors);
