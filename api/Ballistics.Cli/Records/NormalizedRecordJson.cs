using System.Text.Encodings.Web;
using System.Text.Json;
using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Cli.Records;

/// <summary>
/// One line of `records normalize` output: `line`, `status`, `errors`, `firearm`, `recovery`, exactly as
/// the command's contract names them, absent parts null; then `warnings` (a record kept with a doubt), and the firearm's `importer` after its other keys. Written field by field rather than serialised
/// so the contract stays visible here and no intermediate object is built per record.
/// </summary>
internal sealed class NormalizedRecordJson : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    public NormalizedRecordJson(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Write(RecordResult result)
    {
        var w = _json;
        w.WriteStartObject();
        w.WriteNumber("line", result.Line);
        w.WriteString("status", result.IsOk ? "ok" : "rejected");
        Problems(w, "errors", result.Errors);
        var f = result.Firearm;
        w.WriteStartObject("firearm");
        w.WriteString("make", f.Make);
        w.WriteString("make_code", f.MakeCode);
        w.WriteString("model", f.Model);
        w.WriteString("caliber", f.Caliber);
        w.WriteString("caliber_code", f.CaliberCode);
        w.WriteString("type_code", f.TypeCode);
        w.WriteString("serial", f.Serial.Value);
        w.WriteString("serial_key", f.Serial.Key);
        w.WriteBoolean("obliterated", f.Serial.IsObliterated);
        w.WriteString("importer", f.Importer);
        w.WriteEndObject();
        if (result.Recovery is { } recovery)
        {
            w.WriteStartObject("recovery");
            if (recovery.Date is { } date)
            {
                w.WriteString("date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("date");
            }

            w.WriteString("country", recovery.Place.Country);
            w.WriteString("state_code", recovery.Place.StateCode);
            w.WriteString("municipality", recovery.Place.Locality);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("recovery");
        }

        // After the contract's keys, so a reader of the first five finds them where they always were.
        Problems(w, "warnings", result.Warnings);
        w.WriteEndObject();
        w.Flush();
        w.Reset();
        _stream.Write(NewLine);
    }

    private static void Problems(Utf8JsonWriter w, string name, IReadOnlyList<FieldError> problems)
    {
        w.WriteStartArray(name);
        foreach (var problem in problems)
        {
            w.WriteStartObject();
            w.WriteString("field", problem.Field);
            w.WriteString("reason", problem.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public void Dispose() => _json.Dispose();
}
