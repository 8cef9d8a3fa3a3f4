using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Scans;

/// <summary>
/// Reads a scan's metadata from a manifest row (the generator's columns plus optional ones: exhibit_id, kind, lab,
/// agency, country, incident_id, firing_pin_class, breech_face_class, date, us_state, mx_state, mx_municipality, and a
/// photograph's pixel_size_um and lighting) with
/// the same tables that normalise trace and seizure records, so a caliber or a state is spelled one way everywhere.
/// A bad value is an error naming the file, line and field; an absent column is simply unknown.
/// </summary>
public static class ScanItemFields
{
    /// <summary>The optional columns read, beside the manifest's file and firearm_id.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "exhibit_id", "kind", "lab", "agency", "country", "firearm_id", "incident_id", "caliber", "firing_pin_class",
        "breech_face_class", "date", "us_state", "mx_state", "mx_municipality", "pixel_size_um", "lighting",
    ];

    /// <param name="fields">Column name to value; absent and empty columns mean unknown.</param>
    /// <param name="fileName">The scan's file name: its name without extension is the exhibit id when none is given.</param>
    /// <param name="source">The manifest, for located errors.</param>
    /// <param name="line">The manifest line, for located errors (0 when the scan came without a manifest).</param>
    /// <param name="dates">How the manifest writes numeric dates (ISO dates read under any).</param>
    public static IngestResult<ScanItemMetadata> Read(IReadOnlyDictionary<string, string> fields, string fileName, string source, int line, DateLocale dates = DateLocale.Unspecified)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(fileName);
        var tables = NormalizationTables.Default;
        var places = new PlaceResolver(tables);
        string? Text(string column) => fields.TryGetValue(column, out var value) && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        IngestResult<ScanItemMetadata> Fail(string column, string reason) =>
            IngestResult<ScanItemMetadata>.Fail(new IngestError(IngestErrorKind.InvalidValue, source, line > 0 ? $"line {line}, field {column}" : $"field {column}", reason));

        var kind = ScanItemKind.Evidence;
        if (Text("kind") is { } kindText)
        {
            switch (kindText.ToLowerInvariant().Replace('-', '_').Replace(' ', '_'))
            {
                case "evidence" or "crime_scene" or "crime_scene_evidence":
                    kind = ScanItemKind.Evidence;
                    break;
                case "test_fire" or "testfire":
                    kind = ScanItemKind.TestFire;
                    break;
                default:
                    return Fail("kind", $"'{kindText}' is not a kind of item (evidence or test_fire)");
            }
        }

        string? country = null;
        if (Text("country") is { } countryText)
        {
            if (places.Country(countryText, out country) is { } reason)
            {
                return Fail("country", reason);
            }

            if (country is not ("US" or "MX"))
            {
                return Fail("country", $"'{countryText}' is {country}; items on file belong to US or MX");
            }
        }

        string? usState = null;
        if (Text("us_state") is { } usText && places.State(usText, "US", out usState) is { } usReason)
        {
            return Fail("us_state", usReason);
        }

        string? mxState = null;
        if (Text("mx_state") is { } mxText && places.State(mxText, "MX", out mxState) is { } mxReason)
        {
            return Fail("mx_state", mxReason);
        }

        string? caliber = null;
        if (Text("caliber") is { } caliberText)
        {
            if (!tables.Calibers.TryFind(caliberText, out var cartridge))
            {
                return Fail("caliber", $"'{caliberText}' is not a known caliber");
            }

            caliber = cartridge.Name;
        }

        DateOnly? date = null;
        if (Text("date") is { } dateText)
        {
            if (DateReader.Read(dateText, dates, tables.Months, out var parsed) is { } dateReason)
            {
                return Fail("date", dateReason);
            }

            date = parsed;
        }

        double? pixelSizeUm = null;
        if (Text("pixel_size_um") is { } pixelText)
        {
            if (!double.TryParse(pixelText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var um) || !double.IsFinite(um) || !(um > 0))
            {
                return Fail("pixel_size_um", $"'{pixelText}' is not a photograph's pixel size in micrometres (a positive number, e.g. 4.5)");
            }

            pixelSizeUm = um;
        }

        Engine.Surfaces.ImageLighting? lighting = null;
        if (Text("lighting") is { } lightText)
        {
            if (!Engine.Surfaces.ImageLightingNames.TryParse(lightText, out var light))
            {
                return Fail("lighting", $"'{lightText}' is not a photograph's lighting (ring, side or unknown)");
            }

            lighting = light == Engine.Surfaces.ImageLighting.Unknown ? null : light;
        }

        return IngestResult<ScanItemMetadata>.Ok(new ScanItemMetadata
        {
            ExhibitId = Text("exhibit_id") ?? Path.GetFileNameWithoutExtension(fileName),
            Kind = kind,
            Lab = Text("lab"),
            Agency = Text("agency"),
            Country = country,
            FirearmId = Text("firearm_id"),
            IncidentId = Text("incident_id"),
            Caliber = caliber,
            FiringPinClass = Text("firing_pin_class")?.ToLowerInvariant(),
            BreechFaceClass = Text("breech_face_class")?.ToLowerInvariant(),
            Date = date,
            UsState = usState,
            MxState = mxState,
            MxMunicipality = Text("mx_municipality"),
            PixelSizeUm = pixelSizeUm,
            Lighting = lighting,
        });
    }

    /// <summary>The caliber's canonical name, for filters typed on the command line; null when unknown.</summary>
    public static string? CanonicalCaliber(string text) =>
        NormalizationTables.Default.Calibers.TryFind(text, out var cartridge) ? cartridge.Name : null;
}
