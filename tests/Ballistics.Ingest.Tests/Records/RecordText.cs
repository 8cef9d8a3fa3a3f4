using System.Globalization;
using System.Text;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Ingest.Tests.Records;

/// <summary>Runs record text through the reader as a file would be, with a fixed "today" so future-date checks do not drift.</summary>
internal static class RecordText
{
    public static readonly DateOnly Today = new(2025, 6, 30);

    public static List<RecordResult> Normalize(string text, RecordKind kind, RecordFormat? format = RecordFormat.Csv, DateLocale locale = DateLocale.Unspecified) =>
        Normalize(Encoding.UTF8.GetBytes(text), kind, format, locale);

    public static List<RecordResult> Normalize(byte[] bytes, RecordKind kind, RecordFormat? format = RecordFormat.Csv, DateLocale locale = DateLocale.Unspecified)
    {
        var opened = RecordFileReader.Open(new MemoryStream(bytes), "test-input", format, kind, new NormalizeOptions { Locale = locale, Today = Today });
        using var reader = opened.Value;
        return reader.ReadAll().ToList();
    }

    /// <summary>A result as the `records normalize` contract names its values, for table-driven comparisons.</summary>
    public static Dictionary<string, string?> Flatten(RecordResult r)
    {
        var f = r.Firearm;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["status"] = r.IsOk ? "ok" : "rejected",
            ["error"] = r.Errors.Count > 0 ? r.Errors[0].Field : null,
            ["warning"] = r.Warnings.Count > 0 ? r.Warnings[0].Field : null,
            ["importer"] = f.Importer,
            ["make"] = f.Make,
            ["make_code"] = f.MakeCode,
            ["model"] = f.Model,
            ["caliber"] = f.Caliber,
            ["caliber_code"] = f.CaliberCode,
            ["type_code"] = f.TypeCode,
            ["serial"] = f.Serial.Value,
            ["serial_key"] = f.Serial.Key,
            ["obliterated"] = f.Serial.IsObliterated ? "true" : "false",
            ["date"] = r.Recovery?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["country"] = r.Recovery?.Place.Country,
            ["state_code"] = r.Recovery?.Place.StateCode,
            ["municipality"] = r.Recovery?.Place.Locality,
        };
    }

    /// <summary>A CSV field quoted whatever it holds, so values with commas or quotes need no thought in tests.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
