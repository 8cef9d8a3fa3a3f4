using System.Globalization;
using System.Text;

namespace Ballistics.Testing;

/// <summary>
/// Seeded seizure-report CSV in the shapes real files come in: English or Spanish values, maker and
/// caliber aliases, serials with dashes and spaces, dates in both orders (written for es-MX), and a
/// share of bad values. The same seed gives the same text, so tests and benchmarks are repeatable.
/// </summary>
public static class RecordRows
{
    public const string SeizureHeader = "serie,marca,modelo,calibre,tipo de arma,fecha de aseguramiento,entidad federativa,municipio,folio del evento";

    /// <summary>Three linked sales: one purchaser (two spellings, one licence) buys two handguns on one multiple-sale report; a third gun goes elsewhere.</summary>
    public const string Sales =
        "transaction id,serial,make,model,caliber,distributor,distributor date,dealer,ffl,dealer date,retail date,purchaser,purchaser dob,purchaser id,multiple sale report\n"
        + "X1,ABC-123,S&W,M&P 9,9mm Luger,Big Dist,2019-01-05,Border Guns,5-74-123-01-2B-12345,2019-01-10,2019-02-01,Juan Pérez,1990-05-05,TXDL123,MS-1\n"
        + "X2,FX-9,Glock,19,9x19,Big Dist,2019-01-05,Border Guns,5-74-123-01-2B-12345,2019-01-10,2019-02-04,Juan Perez,1990-05-05,TXDL123,MS-1\n"
        + "X3,777,Colt,1911,.45 ACP,Big Dist,2018-01-05,Other Guns,5-74-999-01-2B-00001,2018-01-10,2018-03-01,Ana Ruiz,1980-01-01,,\n";

    /// <summary>Trace requests for the first two sales' firearms, and one with an obliterated serial.</summary>
    public const string Traces =
        "trace number,serial,make,model,caliber,recovery date,state,municipality,possessor\n"
        + "T-1,FX9,GLOCK,19,9mm,2020-06-01,Jalisco,Guadalajara,Pedro Gil\n"
        + "T-2,ABC123,Smith and Wesson,M&P9,9x19,2021-01-01,Sonora,Nogales,Luis Mora\n"
        + "T-3,limado,Romarm,WASR,7.62x39,2021-01-01,Sonora,Nogales,\n";

    private static readonly string[] Makes = ["S&W", "Smith and Wesson", "SMITH & WESSON", "Glock", "GLOCK GmbH", "Colt's Manufacturing", "Ruger", "Sturm, Ruger & Co.", "Beretta", "Pietro Beretta", "Taurus", "Forjas Taurus", "Romarm/Cugir", "FN Herstal", "Barrett", "Sig Sauer", "Norinco", "Zastava"];
    private static readonly string[] Models = ["M&P9", "19", "AR-15", "SR9", "92FS", "PT-92", "WASR-10", "M82A1", "P320", "Five-seveN", "1911"];
    private static readonly string[] Calibers = ["9mm Luger", "9x19", "9 mm Parabellum", ".38 Super", ".223 Rem", "5.56x45", "7.62x39", "7.62 x 39 mm", ".50 BMG", ".45 ACP", "calibre .380", "5.7x28"];
    private static readonly string[] Types = ["Pistola", "Revólver", "Fusil", "Carabina", "Escopeta", "pistol", "rifle", "pistola semiautomática", "cuerno de chivo"];
    private static readonly string[] States = ["Jalisco", "Sinaloa", "Michoacán", "Nuevo León", "CDMX", "Tamaulipas", "Guerrero", "Estado de México", "Chihuahua", "Baja California", "Sonora", "Veracruz"];
    private static readonly string[] Towns = ["Guadalajara", "Culiacán", "Apatzingán", "Monterrey", "Iztapalapa", "Reynosa", "Acapulco", "Ecatepec", "Ciudad Juárez", "Tijuana", "Hermosillo", "Xalapa"];
    private static readonly string[] Bad = ["Acme Guns", "9x99", "bazuca", "31/02/2023", "Atlantis", "", "04/03/23"];

    /// <summary><paramref name="count"/> data rows under <see cref="SeizureHeader"/>; about one in <paramref name="badOneIn"/> has a bad value.</summary>
    public static string SeizureCsv(int count, int seed, int badOneIn = 20)
    {
        var rng = new Random(seed);
        var text = new StringBuilder(count * 120).Append(SeizureHeader).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var fields = new[]
            {
                Serial(rng),
                Pick(rng, Makes),
                Pick(rng, Models),
                Pick(rng, Calibers),
                Pick(rng, Types),
                Date(rng),
                Pick(rng, States),
                Pick(rng, Towns),
                "EV-" + rng.Next(1, 5000).ToString(CultureInfo.InvariantCulture),
            };
            if (rng.Next(badOneIn) == 0)
            {
                fields[rng.Next(1, 7)] = Pick(rng, Bad);
            }

            text.AppendJoin(',', fields.Select(f => f.Contains(',', StringComparison.Ordinal) ? "\"" + f + "\"" : f)).Append('\n');
        }

        return text.ToString();
    }

    public const string TransactionHeader = "transaction id,serial,make,model,caliber,dealer,ffl,dealer date,retail date,purchaser,purchaser dob,multiple sale report";

    /// <summary>
    /// <paramref name="count"/> firearm transactions under <see cref="TransactionHeader"/>, each with its own
    /// transaction id (so no two good rows are the same record); two in three name a purchaser, and about
    /// one in <paramref name="badOneIn"/> has an unknown maker or an impossible retail date.
    /// </summary>
    public static string TransactionCsv(int count, int seed, int badOneIn = 20)
    {
        var rng = new Random(seed);
        var text = new StringBuilder(count * 140).Append(TransactionHeader).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var dealerDate = new DateOnly(2012, 1, 1).AddDays(rng.Next(3000));
            var fields = new[]
            {
                "TX-" + i.ToString(CultureInfo.InvariantCulture),
                rng.Next(100, 99_999_999).ToString(CultureInfo.InvariantCulture),
                Pick(rng, Makes),
                Pick(rng, Models),
                Pick(rng, Calibers),
                "Dealer " + rng.Next(40).ToString(CultureInfo.InvariantCulture),
                "5-74-" + rng.Next(100, 999).ToString(CultureInfo.InvariantCulture) + "-01-2B-12345",
                dealerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                dealerDate.AddDays(rng.Next(1, 200)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                rng.Next(3) == 0 ? string.Empty : "Buyer " + rng.Next(5000).ToString(CultureInfo.InvariantCulture),
                string.Empty,
                rng.Next(10) == 0 ? "MS-" + rng.Next(500).ToString(CultureInfo.InvariantCulture) : string.Empty,
            };
            if (fields[9].Length > 0)
            {
                fields[10] = new DateOnly(1960, 1, 1).AddDays(rng.Next(12000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            if (rng.Next(badOneIn) == 0)
            {
                if (rng.Next(2) == 0)
                {
                    fields[2] = "Acme Guns";
                }
                else
                {
                    fields[8] = "2011-02-30";
                }
            }

            text.AppendJoin(',', fields.Select(f => f.Contains(',', StringComparison.Ordinal) ? "\"" + f + "\"" : f)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The rows of a CSV written by <see cref="SeizureCsv"/> as JSON objects keyed by its header names, one
    /// object per line (NDJSON) or as a pretty array.
    /// </summary>
    public static string AsJson(string csv, bool ndjson)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var names = lines[0].Split(',');
        var objects = lines.Skip(1).Select(line =>
            "{" + string.Join(", ", names.Zip(line.Split(','), (n, c) => $"\"{n}\": \"{c.Trim('"')}\"")) + "}");
        return ndjson ? string.Join('\n', objects) + "\n" : "[\n" + string.Join(",\n", objects) + "\n]";
    }

    private static string Serial(Random rng)
    {
        var n = rng.Next(100, 9_999_999).ToString(CultureInfo.InvariantCulture);
        return rng.Next(6) switch
        {
            0 => "UNK",
            1 => (char)('A' + rng.Next(26)) + "-" + n,
            2 => n[..2] + " " + n[2..],
            3 => n + (char)('A' + rng.Next(26)) + "O",
            _ => n,
        };
    }

    private static string Date(Random rng)
    {
        var d = new DateOnly(2015, 1, 1).AddDays(rng.Next(3000));
        return rng.Next(3) switch
        {
            0 => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            1 => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            _ => d.ToString("d-MM-yyyy", CultureInfo.InvariantCulture),
        };
    }

    private static string Pick(Random rng, string[] values) => values[rng.Next(values.Length)];
}
