using System.Globalization;
using System.Text;
using Ballistics.Ingest.Tables;

namespace Ballistics.Samples;

/// <summary>The three record files of a corpus, as CSV text.</summary>
public sealed record LinkedRecordFiles(string Transactions, string Seizures, string Traces);

/// <summary>
/// Trace, seizure and transaction records that tell the story of a generated corpus: every firearm was
/// sold by a US dealer, some in runs of two to four to one straw purchaser on one multiple-sale report,
/// then recovered in a Mexican or US incident whose crime-scene cartridge case is the firearm's first
/// scan (exhibit id = scan file name without extension), and traced. A share of serials is obliterated,
/// so only the cartridge cases link those firearms. Seizures are written the way Mexican agencies write
/// them (Spanish column names and values); transactions and trace requests in English; dates ISO.
/// </summary>
public static class LinkedRecords
{
    public const string Folder = "records";

    public const string TransactionsFile = "transactions.csv";

    public const string SeizuresFile = "seizures.csv";

    public const string TracesFile = "traces.csv";

    /// <summary>Every date falls before this day, so the files stay valid whenever they are read.</summary>
    private static readonly DateOnly LastDay = new(2024, 12, 31);

    private static readonly (string Name, string Ffl)[] Dealers =
    [
        ("Lone Star Outdoors", "5-74-029-01-2C-04112"),
        ("Border Sporting Goods", "5-74-141-01-3A-07781"),
        ("Desert Arms", "9-86-013-01-4D-02290"),
        ("Rio Grande Pawn & Gun", "5-74-215-02-5F-13307"),
        ("Valley Firearms", "9-33-019-01-1B-05530"),
    ];

    private static readonly string[] Distributors = ["Southwest Wholesale", "Gulf Coast Distributors", "Mountain West Supply"];

    private static readonly (string State, string Municipality)[] MexicanPlaces =
    [
        ("Jalisco", "Guadalajara"), ("Sinaloa", "Culiacán"), ("Tamaulipas", "Reynosa"), ("Chihuahua", "Ciudad Juárez"),
        ("Sonora", "Nogales"), ("Guerrero", "Acapulco"), ("Michoacán", "Apatzingán"), ("Baja California", "Tijuana"),
    ];

    private static readonly (string State, string County)[] UsPlaces = [("Texas", "El Paso"), ("Texas", "Hidalgo"), ("Arizona", "Pima"), ("California", "San Diego")];

    private static readonly string[] Names = ["Daniel Ortiz", "Kevin Walsh", "Maria Lopez", "James Carter", "Luis Ramos", "Ashley Moore", "Jorge Medina", "Tyler Brooks"];

    /// <summary>Writes the three files into <c>DIR/records/</c>; returns the folder.</summary>
    public static string Write(int seed, IReadOnlyList<ManifestRow> rows, string corpusDirectory)
    {
        var folder = Path.Combine(corpusDirectory, Folder);
        Directory.CreateDirectory(folder);
        var files = Create(seed, rows);
        File.WriteAllText(Path.Combine(folder, TransactionsFile), files.Transactions, CsvText.Utf8);
        File.WriteAllText(Path.Combine(folder, SeizuresFile), files.Seizures, CsvText.Utf8);
        File.WriteAllText(Path.Combine(folder, TracesFile), files.Traces, CsvText.Utf8);
        return folder;
    }

    /// <summary>The records of the firearms in <paramref name="rows"/> (their first shot is the crime-scene case); the same seed gives the same text.</summary>
    public static LinkedRecordFiles Create(int seed, IReadOnlyList<ManifestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var firearms = rows.GroupBy(r => r.FirearmId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.OrderBy(r => r.FireIndex).First()).ToArray();
        var rng = StableHash.Random(seed, RandomStream.Records);
        var sales = new StringBuilder("transaction id,serial,make,model,caliber,type,importer date,distributor,distributor date,dealer,ffl,dealer date,retail date,purchaser,purchaser dob,purchaser id,multiple sale report\n");
        var seizures = new StringBuilder("folio del evento,serie,marca,modelo,calibre,tipo de arma,fecha de aseguramiento,pais,entidad federativa,municipio,autoridad,casquillos\n");
        var traces = new StringBuilder("trace number,serial,obliterated,make,model,caliber,type,recovery date,country,state,municipality,agency,requester country,priority,incident id,possessor\n");
        var straw = new StrawRun();
        var incident = 0;
        var incidentLeft = 0;
        string? incidentReport = null;
        Place place = default;
        for (var i = 0; i < firearms.Length; i++)
        {
            var row = firearms[i];
            var number = i + 1;
            var (make, model) = MakeAndModel(row.MakeModel);
            var serial = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + rng.Next(26))}{(char)('A' + rng.Next(26))}{number:D4}{rng.Next(100, 1000)}");
            var sale = straw.Next(rng, seed, number);
            var dealer = Dealers[sale.Dealer];
            var retail = sale.RetailDate;
            var dealerDate = retail.AddDays(-rng.Next(5, 60));
            var distributorDate = dealerDate.AddDays(-rng.Next(5, 40));
            var importDate = distributorDate.AddDays(-rng.Next(10, 90));
            Append(sales, TransactionId(seed, number), serial, make, model, row.Caliber, "pistol", Iso(importDate), Distributors[sale.Dealer % Distributors.Length], Iso(distributorDate), dealer.Name, dealer.Ffl, Iso(dealerDate), Iso(retail), sale.Purchaser, Iso(sale.PurchaserBorn), sale.PurchaserId, sale.Report);

            // Firearms of a straw run mostly cross the border within three years; others drift for longer.
            // An incident holds one to three firearms, never a straw-run firearm with one from outside its run.
            if (incidentLeft == 0 || sale.Report != incidentReport)
            {
                incidentReport = sale.Report;
                incident++;
                incidentLeft = rng.Next(1, 4);
                var mexico = sale.Report is not null || rng.Chance(0.6);
                var (state, locality) = mexico ? MexicanPlaces[rng.Next(MexicanPlaces.Length)] : UsPlaces[rng.Next(UsPlaces.Length)];
                var agency = mexico ? "Fiscalía General del Estado de " + state : locality + " County Sheriff";
                place = new Place(mexico ? "MX" : "US", state, locality, agency, retail.AddDays(sale.Report is not null ? rng.Next(60, 1000) : rng.Next(400, 2500)));
            }

            incidentLeft--;
            var recovered = place.Date > LastDay ? LastDay : place.Date < retail ? retail.AddDays(1) : place.Date;
            var obliterated = rng.Chance(0.1);
            var incidentId = string.Create(CultureInfo.InvariantCulture, $"INC-{seed}-{incident:D4}");
            var caseId = Path.GetFileNameWithoutExtension(row.File);
            Append(seizures, incidentId, obliterated ? "limado" : serial, make, model, row.Caliber, "Pistola", Iso(recovered), place.Country, place.State, place.Locality, place.Agency, caseId);
            Append(traces, TraceNumberOf(TransactionId(seed, number)), obliterated ? string.Empty : serial, obliterated ? "yes" : "no", make, model, row.Caliber, "pistol", Iso(recovered), place.Country, place.State, place.Locality, place.Agency, place.Country, rng.Chance(0.2) ? "urgent" : "routine", incidentId, Names[rng.Next(Names.Length)]);
        }

        return new LinkedRecordFiles(sales.ToString(), seizures.ToString(), traces.ToString());
    }

    /// <summary>The trace number of the request for the firearm a transaction id (S{seed}-{number}) sold.</summary>
    public static string TraceNumberOf(string transactionId)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        return "T-" + transactionId[1..];
    }

    /// <summary>"Smith &amp; Wesson M&amp;P9-like" → ("Smith &amp; Wesson", "M&amp;P9"): the archetype's maker and model as a record names them.</summary>
    internal static (string Make, string Model) MakeAndModel(string makeModel)
    {
        var name = makeModel.EndsWith("-like", StringComparison.Ordinal) ? makeModel[..^"-like".Length] : makeModel;
        var space = name.LastIndexOf(' ');
        return space < 0 ? (name, string.Empty) : (name[..space], name[(space + 1)..]);
    }

    private static string TransactionId(int seed, int number) => string.Create(CultureInfo.InvariantCulture, $"S{seed}-{number:D5}");

    private static void Append(StringBuilder text, params string?[] fields) => CsvText.AppendLine(text, fields.Select(f => f ?? string.Empty));

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Where and when an incident happened, and the agency that seized its firearms.</summary>
    private readonly record struct Place(string Country, string State, string Locality, string Agency, DateOnly Date);

    /// <summary>One retail sale: who bought, where, when, and the multiple-sale report when it was one of a straw run.</summary>
    private readonly record struct Sale(int Dealer, DateOnly RetailDate, string Purchaser, DateOnly PurchaserBorn, string PurchaserId, string? Report);

    /// <summary>
    /// Walks the firearms in order: a straw run is two to four consecutive firearms bought by one person from
    /// one dealer within five business days and reported together; between runs, each buyer buys one.
    /// </summary>
    private sealed class StrawRun
    {
        private int _left;
        private Sale _run;
        private int _runs;

        public Sale Next(Random rng, int seed, int number)
        {
            if (_left > 0)
            {
                _left--;
                return _run with { RetailDate = NextBusinessDay(_run.RetailDate, rng.Next(0, 2)) };
            }

            var day = new DateOnly(2016, 1, 4).AddDays(rng.Next(0, 1800));
            var born = new DateOnly(1965, 1, 1).AddDays(rng.Next(0, 12000));
            if (rng.Chance(0.35))
            {
                _runs++;
                _left = rng.Next(1, 4);
                _run = new Sale(rng.Next(Dealers.Length), NextBusinessDay(day, 0), Names[rng.Next(Names.Length)], born, string.Create(CultureInfo.InvariantCulture, $"TXDL{seed}{_runs:D4}"), string.Create(CultureInfo.InvariantCulture, $"MS-{seed}-{_runs:D3}"));
                return _run;
            }

            var buyer = string.Create(CultureInfo.InvariantCulture, $"DL{seed}{number:D5}");
            return new Sale(rng.Next(Dealers.Length), NextBusinessDay(day, 0), Names[rng.Next(Names.Length)], born, buyer, null);
        }

        /// <summary>The business day <paramref name="days"/> business days after <paramref name="from"/> (from itself moved off a weekend).</summary>
        private static DateOnly NextBusinessDay(DateOnly from, int days)
        {
            for (var day = from; ; day = day.AddDays(1))
            {
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && days-- == 0)
                {
                    return day;
                }
            }
        }
    }
}
