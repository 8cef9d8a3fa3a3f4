using System.Text;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class RecordFileReaderTests
{
    private const string Header = "serial,make,model,caliber,type,recovery_date,state,municipality,incident_id";

    [Test]
    public void Read_SemicolonSpanishCsv_DelimiterFromHeader()
    {
        const string csv = "Matrícula;Marca;Calibre;Tipo de arma;Fecha de aseguramiento;Entidad federativa;Municipio;Folio del evento\nAB123;Glock;9x19;Pistola;2023-04-03;Sinaloa;Culiacán;E-9\n";

        var result = RecordText.Normalize(csv, RecordKind.Seizure).Single();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Firearm.Make, Is.EqualTo("Glock"));
        Assert.That(result.Recovery!.Value.Place, Is.EqualTo(new Place("MX", "MX-SIN", "Culiacán")));
    }

    [Test]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_KeepTheStartingLine()
    {
        var csv = Header + ",other_markings\n"
            + "A1,\"Sturm, Ruger & Co.\",\"10/22 \"\"Takedown\"\"\",.22 LR,rifle,2023-04-03,Sonora,Nogales,E1,\"engraved\nstock\"\n"
            + "A2,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1,\n";

        var results = RecordText.Normalize(csv, RecordKind.Seizure);

        Assert.That(results.Select(r => r.Line), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(results[0].Firearm.Make, Is.EqualTo("Sturm, Ruger & Co."));
        Assert.That(results[0].Firearm.Model, Is.EqualTo("10/22 \"Takedown\""));
        Assert.That(results[0].Firearm.OtherMarkings, Is.EqualTo("engraved stock"));
        Assert.That(results.All(r => r.IsOk), Is.True);
    }

    [Test]
    public void Read_RowWithTooManyFields_RejectedAloneWithTheReason()
    {
        var csv = Header + "\nA1,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1\nA2,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1,extra\nA3,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1\n";

        var results = RecordText.Normalize(csv, RecordKind.Seizure);

        Assert.That(results.Select(r => (r.Line, r.IsOk)), Is.EqualTo(new[] { (2, true), (3, false), (4, true) }));
        Assert.That(results[1].Errors.Single(), Is.EqualTo(new Ingest.Records.Normalization.FieldError("record", "10 fields, the header has 9")));
    }

    [Test]
    public void Read_UnterminatedQuote_RejectsThatLineAndReadsTheNext()
    {
        var csv = Header + "\n\"A1,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1\nA2,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1\n";

        var results = RecordText.Normalize(csv, RecordKind.Seizure);

        Assert.That(results.Select(r => (r.Line, r.IsOk)), Is.EqualTo(new[] { (2, false), (3, true) }));
        Assert.That(results[0].Errors.Single().Reason, Is.EqualTo("unterminated quoted field"));
    }

    [Test]
    public void Read_BlankAndEmptyRows_AreSkippedButCounted()
    {
        var csv = Header + "\n\nA1,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1\n,,,,,,,,\n\nA2,Glock,19,9x19,pistol,2023-04-03,Sonora,Nogales,E1\n";

        var results = RecordText.Normalize(csv, RecordKind.Seizure);

        Assert.That(results.Select(r => r.Line), Is.EqualTo(new[] { 3, 6 }));
    }

    [Test]
    public void Read_Latin1Export_AccentsReadCorrectly()
    {
        var csv = "serie;marca;calibre;tipo de arma;fecha de aseguramiento;entidad federativa;municipio;folio\nX1;Glock;9x19;Revólver;2023-04-03;Michoacán;Apatzingán;E1\n";

        var result = RecordText.Normalize(Encoding.Latin1.GetBytes(csv), RecordKind.Seizure).Single();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Firearm.TypeCode, Is.EqualTo("PR"));
        Assert.That(result.Recovery!.Value.Place.Locality, Is.EqualTo("Apatzingán"));
    }

    // An accented header the serial is found by, and a column no field takes whose name has an "ñ".
    private const string SpanishSeizures = "matrícula,marca,calibre,tipo de arma,fecha de aseguramiento,entidad federativa,municipio,folio,señas\n";

    private static string SpanishRow(int i) => $"X{i},Glock,9x19,Pistola,2023-04-03,Michoacán,Apatzingán,E{i},niño\n";

    private static string SpanishRows(int rows) => SpanishSeizures + string.Concat(Enumerable.Range(0, rows).Select(SpanishRow));

    private static (string EncodingName, IReadOnlyCollection<string> Ignored, List<RecordResult> Results) ReadBytes(byte[] bytes)
    {
        using var reader = RecordFileReader.Open(new MemoryStream(bytes), "t.csv", RecordFormat.Csv, RecordKind.Seizure, new NormalizeOptions { Today = new DateOnly(2026, 12, 6) }).Value;
        return (reader.EncodingName, reader.IgnoredColumns, [.. reader.ReadAll()]);
    }

    [Test]
    public void Read_Utf8WithoutByteOrderMark_ReadAsUtf8()
    {
        var (encoding, ignored, results) = ReadBytes(new UTF8Encoding(false).GetBytes(SpanishRows(16)));

        Assert.That(encoding, Is.EqualTo("UTF-8"));
        Assert.That(ignored, Is.EqualTo(new[] { "señas" }));
        Assert.That(results, Has.Count.EqualTo(16));
        Assert.That(results.Select(r => (r.Errors.Count, r.Recovery?.Place.Locality)), Has.All.EqualTo((0, "Apatzingán")));
        Assert.That(results[3].Firearm.Serial.Value, Is.EqualTo("X3"), "found under \"matrícula\"");
    }

    [Test]
    public void Read_Utf8WithByteOrderMark_ReadAsUtf8AndSaysSo()
    {
        var (encoding, _, results) = ReadBytes([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(SpanishRows(2))]);

        Assert.That(encoding, Is.EqualTo("UTF-8 (byte-order mark)"));
        Assert.That(results.Select(r => r.Recovery?.Place.Locality), Has.All.EqualTo("Apatzingán"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Read_Utf16WithByteOrderMark_ReadAsUtf16(bool bigEndian)
    {
        var utf16 = new UnicodeEncoding(bigEndian, byteOrderMark: true);

        var (encoding, _, results) = ReadBytes([.. utf16.GetPreamble(), .. utf16.GetBytes(SpanishRows(2))]);

        Assert.That(encoding, Is.EqualTo(bigEndian ? "UTF-16 BE (byte-order mark)" : "UTF-16 LE (byte-order mark)"));
        Assert.That(results.Select(r => r.Recovery?.Place.Locality), Has.All.EqualTo("Apatzingán"));
    }

    [Test]
    public void Read_Windows1252Export_ReadAsWindows1252()
    {
        // ñ, á, í and the curly quotes of 0x93/0x94, which Latin-1 has no letter for.
        var text = SpanishRows(1).Replace("niño", "“niño”", StringComparison.Ordinal);

        var (encoding, ignored, results) = ReadBytes(CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text));

        Assert.That(encoding, Is.EqualTo("Windows-1252 (not valid UTF-8)"));
        Assert.That(ignored, Is.EqualTo(new[] { "señas" }));
        Assert.That(results.Single().Errors, Is.Empty);
        Assert.That(results.Single().Firearm.Serial.Value, Is.EqualTo("X0"));
        Assert.That(results.Single().Recovery!.Value.Place.Locality, Is.EqualTo("Apatzingán"));
    }

    [Test]
    public void Read_ChunkEndsInsideACharacter_StillUtf8()
    {
        // More than a 64 KiB chunk, padded with empty lines so that "á"'s first byte is the chunk's fourth byte from its
        // end and its second the third (a look-ahead window cut three bytes short once ended there in half a character).
        const int LeadAt = 65_536 - 4;
        var rows = new StringBuilder(SpanishSeizures);
        var i = 0;
        while (Encoding.UTF8.GetByteCount(rows.ToString()) < 70_000)
        {
            rows.Append(SpanishRow(i++));
        }

        var bytes = Encoding.UTF8.GetBytes(rows.ToString());
        var firstAccent = Array.IndexOf(bytes, (byte)0xC3, LeadAt - 600);
        var cut = Array.LastIndexOf(bytes, (byte)'\n', firstAccent);
        var padding = LeadAt - firstAccent;
        var padded = new byte[bytes.Length + padding];
        bytes.AsSpan(0, cut + 1).CopyTo(padded);
        padded.AsSpan(cut + 1, padding).Fill((byte)'\n');
        bytes.AsSpan(cut + 1).CopyTo(padded.AsSpan(cut + 1 + padding));
        Assert.That((padded[LeadAt], padded[LeadAt + 1]), Is.EqualTo(((byte)0xC3, (byte)0xA1)), "á across the old cut");

        var (encoding, _, results) = ReadBytes(padded);

        Assert.That(encoding, Is.EqualTo("UTF-8"));
        Assert.That(results.Select(r => r.Recovery?.Place.Locality), Has.All.EqualTo("Apatzingán"));
    }

    [TestCase(3)]
    [TestCase(3_000)]
    public void Open_FileMixingUtf8AndWindows1252_ErrorNamesTheLines(int utf8Rows)
    {
        // UTF-8 rows, then one row from a Windows-1252 export: either reading would garble one part.
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(SpanishRows(utf8Rows)));
        bytes.AddRange(CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(SpanishRow(utf8Rows)));

        var opened = RecordFileReader.Open(new MemoryStream([.. bytes]), "mixed.csv", RecordFormat.Csv, RecordKind.Seizure);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.Location, Is.EqualTo($"line {utf8Rows + 2}"));
        Assert.That(opened.Error.ToString(), Does.Contain("mixed.csv").And.Contain("while line 1 holds UTF-8 characters").And.Contain("mixes encodings"));
    }

    [Test]
    public void Read_ConflictingColumnsForOneField_IsAnError()
    {
        const string csv = "serie,matricula,marca,fecha,estado,folio\n123,456,Glock,2023-04-03,Jalisco,E1\n";

        var result = RecordText.Normalize(csv, RecordKind.Seizure).Single();

        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { "serial" }));
        Assert.That(result.Errors[0].Reason, Does.Contain("'123' and '456'"));
    }

    [Test]
    public void Open_UnknownColumns_AreListed()
    {
        var csv = "serial,make,fecha,estado,folio,seriel,notas\n1,Glock,2023-04-03,Jalisco,E1,2,x\n";
        var opened = RecordFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv", RecordFormat.Csv, RecordKind.Seizure);

        using var reader = opened.Value;

        Assert.That(reader.IgnoredColumns, Is.EqualTo(new[] { "seriel", "notas" }));
    }

    [TestCase("")]
    [TestCase("colour,weight\nred,3\n")]
    public void Open_NoUsableHeader_FailsForTheWholeFile(string csv)
    {
        var opened = RecordFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv", RecordFormat.Csv, RecordKind.Trace);

        Assert.That(opened.Success, Is.False);
        Assert.That(opened.Error!.Location, Is.EqualTo("line 1"));
    }

    [Test]
    public void Open_MissingFile_NotFound()
    {
        var opened = RecordFileReader.Open("/nonexistent/records.csv", RecordKind.Trace);

        Assert.That(opened.Error!.Kind, Is.EqualTo(IngestErrorKind.NotFound));
    }

    [Test]
    public void Read_JsonArrayWithNestedObjects_FieldsByPathAndLinesByBrace()
    {
        const string json = """
            [
              {"trace_number": "T-1", "firearm": {"make": "S&W", "serial": 48213, "caliber": ".40 S&W", "type": "pistol"},
               "recovery": {"date": "2023-04-03", "country": "México", "state": "Jalisco"},
               "possessor": {"name": "Juan Pérez", "dob": "1990-05-01"}},
              {"trace_number": "T-2", "firearm": {"make": "Glock", "serial": "UNK", "obliterated": true},
               "recovery": {"date": "2023-04-05"}}
            ]
            """;

        var results = RecordText.Normalize(json, RecordKind.Trace, RecordFormat.Json);

        Assert.That(results.Select(r => r.Line), Is.EqualTo(new[] { 2, 5 }));
        var first = (TraceRequest)results[0].Record!;
        Assert.That(first.Firearm.Serial.Value, Is.EqualTo("48213"));
        Assert.That(first.Firearm.Make, Is.EqualTo("Smith & Wesson"));
        Assert.That(first.Recovery.Place.StateCode, Is.EqualTo("MX-JAL"));
        Assert.That(first.Possessor, Is.EqualTo(new PersonRecord("Juan Pérez", new DateOnly(1990, 5, 1), null, null)));
        Assert.That(results[1].Firearm.Serial.Status, Is.EqualTo(SerialStatus.Obliterated));
    }

    [Test]
    public void Read_JsonArrayWithABrokenObject_OthersStillRead()
    {
        const string json = "[\n{\"serial\": \"1\", \"make\": \"Glock\", \"fecha\": \"2023-04-03\"},\n{\"serial\": \"2\", \"make\": Glock, \"fecha\": \"2023-04-03\"},\n{\"serial\": \"3\", \"make\": \"Glock\", \"fecha\": \"2023-04-03\"}\n]";

        var results = RecordText.Normalize(json, RecordKind.Trace, RecordFormat.Json);

        Assert.That(results.Select(r => (r.Line, r.IsOk)), Is.EqualTo(new[] { (2, true), (3, false), (4, true) }));
        Assert.That(results[1].Errors.Single().Reason, Does.StartWith("invalid JSON"));
    }

    [Test]
    public void Read_JsonWithAnUnclosedString_ResumesAtTheNextObjectLine()
    {
        const string json = "[\n{\"serial\": \"1, \"make\": \"Glock\", \"fecha\": \"2023-04-03\"},\n{\"serial\": \"3\", \"make\": \"Glock\", \"fecha\": \"2023-04-03\"}\n]";

        var results = RecordText.Normalize(json, RecordKind.Trace, RecordFormat.Json);

        Assert.That(results.Select(r => (r.Line, r.IsOk)), Is.EqualTo(new[] { (2, false), (3, true) }));
    }

    [Test]
    public void Read_NdjsonWithABadLine_EveryLineIsOneResult()
    {
        const string ndjson = "{\"serial\":\"1\",\"marca\":\"Glock\",\"fecha\":\"2023-04-03\"}\n\n{\"serial\":\"2\",\n{\"serial\":\"3\",\"marca\":\"Colt\",\"fecha\":\"2023-04-03\"}\n[1,2]\n";

        var results = RecordText.Normalize(ndjson, RecordKind.Trace, RecordFormat.Ndjson);

        Assert.That(results.Select(r => (r.Line, r.IsOk)), Is.EqualTo(new[] { (1, true), (3, false), (4, true), (5, false) }));
        Assert.That(results[3].Errors.Single().Reason, Is.EqualTo("not a JSON object"));
    }

    [Test]
    public void Read_FormatNotGiven_JsonToldFromTheFirstCharacter()
    {
        const string json = "[{\"serial\":\"1\",\"make\":\"Glock\",\"date\":\"2023-04-03\"}]";

        var results = RecordText.Normalize(json, RecordKind.Trace, format: null);

        Assert.That(results.Single().IsOk, Is.True);
    }

    [Test]
    public void Open_PathWithNdjsonExtension_ReadsLineByLine()
    {
        using var dir = new TempDirectory();
        var path = dir.File("traces.ndjson");
        File.WriteAllText(path, "{\"serial\":\"1\",\"make\":\"Glock\",\"date\":\"2023-04-03\"}\n{\"serial\":\"2\",\"make\":\"Colt\",\"date\":\"2023-04-04\"}\n");

        using var reader = RecordFileReader.Open(path, RecordKind.Trace).Value;

        Assert.That(reader.ReadAll().Select(r => (r.Line, r.Firearm.Make)), Is.EqualTo(new[] { (1, "Glock"), (2, "Colt") }));
    }
}
