using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Records.Reading;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Tests.Records;

/// <summary>
/// Real-world ways of writing one seizure record, in English and Spanish, each against its canonical
/// output. Every case starts from one good row and changes a single column (its name and its value),
/// so a failure points at exactly one alias, misspelling, date order or serial form.
/// </summary>
[TestFixture]
public sealed class RecordVariantsTests
{
    private static readonly (RecordField Field, string Column, string Value)[] BaseRow =
    [
        (RecordField.Serial, "serial", "A12345"),
        (RecordField.Make, "make", "Glock"),
        (RecordField.Model, "model", "19"),
        (RecordField.Caliber, "caliber", "9x19"),
        (RecordField.Type, "type", "pistol"),
        (RecordField.RecoveryDate, "recovery_date", "2023-04-03"),
        (RecordField.RecoveryState, "state", "Jalisco"),
        (RecordField.RecoveryLocality, "municipality", "Zapopan"),
        (RecordField.IncidentId, "incident_id", "E1"),
    ];

    private static IEnumerable<TestCaseData> Variants()
    {
        // Makers: aliases, legal suffixes, Spanish "y", misspellings, maker/importer pairs, importers alone.
        yield return V("marca", "S&W", "make=Smith & Wesson;make_code=SW");
        yield return V("make", "SMITH & WESSON", "make=Smith & Wesson;make_code=SW");
        yield return V("make", "Smith and Wesson", "make=Smith & Wesson;make_code=SW");
        yield return V("marca", "Smith y Wesson", "make=Smith & Wesson;make_code=SW");
        yield return V("marca", "Smith & Weson", "make=Smith & Wesson;make_code=SW");
        yield return V("make", "Sturm, Ruger & Co., Inc.", "make=Sturm, Ruger & Co.;make_code=SR");
        yield return V("marca", "RUGER", "make=Sturm, Ruger & Co.;make_code=SR");
        yield return V("make", "Colt's Mfg. Co.", "make=Colt;make_code=CLT");
        yield return V("fabricante", "GLOCK GmbH", "make=Glock;make_code=GLC");
        yield return V("marca", "Glok", "make=Glock;make_code=GLC");
        yield return V("marca", "Berreta", "make=Beretta;make_code=BER");
        yield return V("marca", "Fabbrica d'Armi Pietro Beretta", "make=Beretta;make_code=BER");
        yield return V("marca", "Forjas Taurus S.A.", "make=Taurus;make_code=TAS");
        yield return V("marca", "Sig-Sauer", "make=SIG Sauer;make_code=SIG");
        yield return V("make", "H&K", "make=Heckler & Koch;make_code=HEC");
        yield return V("marca", "Heckler y Koch", "make=Heckler & Koch;make_code=HEC");
        yield return V("manufacturer", "FN Herstal", "make=FN Herstal;make_code=FNH");
        yield return V("marca", "Cugir/Century Arms", "make=Romarm;make_code=RMC;status=ok");
        yield return V("marca", "Zastava (Century)", "make=Zastava;make_code=ZAS;status=ok");
        // An importer alone: kept, the importer recorded, the make unknown (the base row's model, 19, names no import of it).
        yield return V("marca", "Century Arms", "status=ok;warning=make;make=null;importer=Century Arms");
        yield return V("marca", "I.O. Inc.", "status=ok;warning=make;make=null;importer=Inter Ordnance");
        yield return V("marca", "Barrett Firearms Manufacturing", "make=Barrett;make_code=BRT");
        yield return V("marca", "NORINCO", "make=Norinco;make_code=NON");
        yield return V("marca", "Obregón", "make=Obregon;make_code=OBR");
        yield return V("make", "Springfield Armory", "make=Springfield Armory;make_code=null;status=ok");
        yield return V("marca", "Acme Guns", "status=rejected;error=make");
        yield return V("make", "Hi Point", "make=Hi-Point;make_code=HIH");
        yield return V("marca", "Kel Tec", "make=Kel-Tec;make_code=KTC");

        // Calibers: one cartridge under many names; near names of different cartridges kept apart.
        yield return V("calibre", "9 mm Luger", "caliber=9x19mm Parabellum;caliber_code=9");
        yield return V("calibre", "9mm Parabellum", "caliber=9x19mm Parabellum;caliber_code=9");
        yield return V("caliber", "9×19", "caliber=9x19mm Parabellum;caliber_code=9");
        yield return V("calibre", "9MM PARA", "caliber=9x19mm Parabellum;caliber_code=9");
        yield return V("calibre", "9 mm", "caliber=9mm (unspecified);caliber_code=9");
        yield return V("calibre", ".380 ACP", "caliber=.380 ACP;caliber_code=380");
        yield return V("calibre", "9 mm Corto", "caliber=.380 ACP;caliber_code=380");
        yield return V("calibre", ".38 Super", "caliber=.38 Super;caliber_code=38");
        yield return V("calibre", "38 Súper", "caliber=.38 Super;caliber_code=38");
        yield return V("calibre", ".38 Especial", "caliber=.38 Special;caliber_code=38");
        yield return V("caliber", ".223 Rem", "caliber=.223 Remington;caliber_code=223");
        yield return V("calibre", "5.56x45", "caliber=5.56x45mm NATO;caliber_code=556");
        yield return V("calibre", "5,56 NATO", "caliber=5.56x45mm NATO;caliber_code=556");
        yield return V("caliber", ".223/5.56", "caliber=5.56x45mm NATO;caliber_code=556");
        yield return V("calibre", "7.62x39", "caliber=7.62x39mm;caliber_code=762");
        yield return V("calibre", "7,62 x 39 mm", "caliber=7.62x39mm;caliber_code=762");
        yield return V("caliber", "7.62x51 NATO", "caliber=7.62x51mm NATO;caliber_code=762");
        yield return V("caliber", ".308 Win", "caliber=.308 Winchester;caliber_code=308");
        yield return V("calibre", "Cal. .50 BMG", "caliber=.50 BMG;caliber_code=50");
        yield return V("calibre", "calibre 12", "caliber=12 gauge;caliber_code=12");
        yield return V("caliber", "20 ga", "caliber=20 gauge;caliber_code=null;status=ok");
        yield return V("calibre", ".45 ACP", "caliber=.45 ACP;caliber_code=45");
        yield return V("calibre", "5.7x28", "caliber=5.7x28mm;caliber_code=null");
        yield return V("calibre", ".40 S&W", "caliber=.40 S&W;caliber_code=40");
        yield return V("calibre", "9x99", "status=rejected;error=caliber;caliber=null");

        // Gun types: the five Spanish words, English, NCIC codes, Mexican slang.
        yield return V("tipo de arma", "Pistola", "type_code=P");
        yield return V("tipo de arma", "Revólver", "type_code=PR");
        yield return V("tipo de arma", "revolver", "type_code=PR");
        yield return V("tipo de arma", "Fusil", "type_code=R");
        yield return V("tipo de arma", "Carabina", "type_code=RC");
        yield return V("tipo de arma", "Escopeta", "type_code=S");
        yield return V("tipo", "pistola semiautomática", "type_code=PI");
        yield return V("tipo de arma", "Escuadra", "type_code=PI");
        yield return V("type", "Semi-automatic pistol", "type_code=PI");
        yield return V("gun type", "Shotgun", "type_code=S");
        yield return V("tipo de arma", "escopeta de bombeo", "type_code=SP");
        yield return V("tipo de arma", "cuerno de chivo", "type_code=R");
        yield return V("tipo de arma", "Subametralladora", "type_code=B");
        yield return V("tipo de arma", "Ametralladora", "type_code=M");
        yield return V("type", "PR", "type_code=PR");
        yield return V("tipo de arma", "bazuca", "status=rejected;error=type;type_code=null");

        // Serials: NCIC form, embedded letters, letter O, labels, UNK, obliterated, none, blank.
        yield return V("serie", "abc-123 45", "serial=ABC12345;serial_key=ABC12345");
        yield return V("matrícula", "369J257", "serial=369J257;serial_key=369257");
        yield return V("número de serie", "BO 12", "serial=B012;serial_key=B012");
        yield return V("serial number", "UNK", "serial=null;serial_key=null;obliterated=false;status=ok");
        yield return V("matrícula", "LIMADA", "serial=null;obliterated=true;status=ok");
        yield return V("serie", "", "status=rejected;error=serial");
        yield return V("s/n", "S/N: 45-ABC", "serial=45ABC;serial_key=45ABC");
        yield return V("serie", "sin número", "serial=null;obliterated=false;status=ok");

        // Dates: declared locale, unambiguous forms without it, ambiguous without it, future, short year.
        yield return V("fecha de aseguramiento", "03/04/2023", "date=2023-04-03;status=ok", DateLocale.EsMx);
        yield return V("recovery date", "04/03/2023", "date=2023-04-03;status=ok", DateLocale.EnUs);
        yield return V("fecha", "04/03/2023", "status=rejected;error=recovery_date;date=null");
        yield return V("fecha de aseguramiento", "3 de abril de 2023", "date=2023-04-03");
        yield return V("fecha de aseguramiento", "03-ABR-2023", "date=2023-04-03");
        yield return V("date of seizure", "April 3, 2023", "date=2023-04-03");
        yield return V("fecha de aseguramiento", "13/04/2023", "date=2023-04-13;status=ok");
        yield return V("fecha de aseguramiento", "2023-04-03T10:15:00", "date=2023-04-03");
        yield return V("fecha de aseguramiento", "03/04/23", "status=rejected;error=recovery_date", DateLocale.EsMx);
        yield return V("fecha de aseguramiento", "2099-01-01", "status=rejected;error=recovery_date");

        // Places: state names in either language, with or without accents, abbreviations, ambiguity.
        yield return V("entidad federativa", "Nuevo León", "state_code=MX-NLE;country=MX");
        yield return V("entidad federativa", "NUEVO LEON", "state_code=MX-NLE;country=MX");
        yield return V("estado", "Ciudad de México", "state_code=MX-CMX");
        yield return V("estado", "CDMX", "state_code=MX-CMX");
        yield return V("entidad", "Edo. de México", "state_code=MX-MEX");
        yield return V("state", "TX", "state_code=US-TX;country=US");
        yield return V("state", "Tejas", "state_code=US-TX;country=US");
        yield return V("estado", "Michoacán de Ocampo", "state_code=MX-MIC");
        yield return V("estado", "Mich.", "status=rejected;error=recovery_state;state_code=null");
        yield return V("municipio", "  Ciudad   Juárez ", "municipality=Ciudad Juárez");
        yield return V("entidad federativa", "Atlantis", "status=rejected;error=recovery_state");
        yield return V("county", "Hidalgo County", "municipality=Hidalgo County");
    }

    [TestCaseSource(nameof(Variants))]
    public void Normalize_RealWorldVariant_GivesCanonicalOutput(string column, string value, string expected, DateLocale locale)
    {
        Assert.That(NormalizationTables.Default.Fields(RecordKind.Seizure).TryFind(column, out var field), Is.True, $"'{column}' names no seizure field");
        var row = BaseRow.Select(b => b.Field == field ? (Column: column, Value: value) : (b.Column, b.Value)).ToArray();
        var csv = string.Join(',', row.Select(r => RecordText.Quote(r.Column))) + "\n" + string.Join(',', row.Select(r => RecordText.Quote(r.Value))) + "\n";

        var result = RecordText.Normalize(csv, RecordKind.Seizure, locale: locale).Single();

        var actual = RecordText.Flatten(result);
        foreach (var pair in expected.Split(';'))
        {
            var (key, want) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            Assert.That(actual[key], Is.EqualTo(want == "null" ? null : want), $"{key} of {column}='{value}' ({string.Join("; ", result.Errors)})");
        }

        if (!expected.Contains("status=", StringComparison.Ordinal))
        {
            Assert.That(result.Errors, Is.Empty, $"{column}='{value}' should be a good record");
        }
    }

    [Test]
    public void Variants_CoverAtLeastEightyInputs()
    {
        Assert.That(Variants().Count(), Is.GreaterThanOrEqualTo(80));
    }

    private static TestCaseData V(string column, string value, string expected, DateLocale locale = DateLocale.Unspecified) =>
        new TestCaseData(column, value, expected, locale).SetArgDisplayNames(column, value, DateLocales.Name(locale));
}
