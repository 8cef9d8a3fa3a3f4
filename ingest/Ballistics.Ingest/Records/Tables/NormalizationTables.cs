using System.Globalization;
using Ballistics.Ingest.Records.Reading;

namespace Ballistics.Ingest.Records.Tables;

/// <summary>
/// The normalisation tables (Records/Tables/*.tsv, embedded), loaded once. Everything a record value is
/// mapped through lives in these files so that a new alias is a data change reviewed as data.
/// </summary>
internal sealed class NormalizationTables
{
    private static readonly Lazy<NormalizationTables> Loaded = new(Load);

    private readonly Dictionary<RecordKind, AliasTable<RecordField>> _fields;

    private NormalizationTables(Dictionary<RecordKind, AliasTable<RecordField>> fields) => _fields = fields;

    public static NormalizationTables Default => Loaded.Value;

    public AliasTable<Maker> Makers { get; } = new("makers.tsv", AliasStyle.Maker);

    public AliasTable<Cartridge> Calibers { get; } = new("calibers.tsv", AliasStyle.Caliber);

    public AliasTable<GunType> GunTypes { get; } = new("gun_types.tsv", AliasStyle.Plain);

    public AliasTable<string> Countries { get; } = new("countries.tsv", AliasStyle.Plain);

    public AliasTable<string> MexicanStates { get; } = new("states.tsv", AliasStyle.Plain);

    public AliasTable<string> UsStates { get; } = new("states.tsv", AliasStyle.Plain);

    public AliasTable<WordMeaning> Words { get; } = new("words.tsv", AliasStyle.Plain);

    public AliasTable<int> Months { get; } = new("months.tsv", AliasStyle.Plain);

    /// <summary>Per importer, the model prefixes (folded) each of its makers' imports start with (importer_models.tsv).</summary>
    private readonly Dictionary<string, List<(string ModelPrefix, Maker Maker)>> _imports = new(StringComparer.Ordinal);

    /// <summary>
    /// The original maker of a model <paramref name="importer"/> brings in, when its prefixes name exactly one; null when
    /// none or several match (the model does not say who made it).
    /// </summary>
    public Maker? OriginalMaker(Maker importer, string? model)
    {
        ArgumentNullException.ThrowIfNull(importer);
        if (model is null || !_imports.TryGetValue(importer.Name, out var imports))
        {
            return null;
        }

        var folded = new string([.. model.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        var makers = imports.Where(i => folded.StartsWith(i.ModelPrefix, StringComparison.Ordinal)).Select(i => i.Maker).Distinct().ToArray();
        return makers is [var only] ? only : null;
    }

    /// <summary>Column and property names for one kind of record file.</summary>
    public AliasTable<RecordField> Fields(RecordKind kind) => _fields[kind];

    private static NormalizationTables Load()
    {
        var fields = Enum.GetValues<RecordKind>().ToDictionary(k => k, k => new AliasTable<RecordField>("fields.tsv", AliasStyle.Plain));
        var tables = new NormalizationTables(fields);
        foreach (var (line, c) in TsvResource.Read("makers.tsv", "maker", "ncic", "role", "aliases"))
        {
            if (c[2] is not ("maker" or "importer"))
            {
                throw TsvResource.Bad("makers.tsv", line, $"role '{c[2]}' is neither maker nor importer");
            }

            var maker = new Maker(c[0], NullIfEmpty(c[1]), c[2] == "importer");
            AddAll(tables.Makers, TsvResource.Aliases(c[0], c[3]), maker, line);
        }

        foreach (var (line, c) in TsvResource.Read("calibers.tsv", "cartridge", "ncic", "aliases"))
        {
            AddAll(tables.Calibers, TsvResource.Aliases(c[0], c[2]), new Cartridge(c[0], NullIfEmpty(c[1])), line);
        }

        foreach (var (line, c) in TsvResource.Read("gun_types.tsv", "code", "description", "aliases"))
        {
            AddAll(tables.GunTypes, TsvResource.Aliases(c[1], c[2]).Append(c[0]), new GunType(c[0], c[1]), line);
        }

        foreach (var (line, c) in TsvResource.Read("countries.tsv", "code", "aliases"))
        {
            AddAll(tables.Countries, TsvResource.Aliases(c[0], c[1]), c[0], line);
        }

        foreach (var (line, c) in TsvResource.Read("states.tsv", "code", "aliases"))
        {
            var table = c[0].StartsWith("MX-", StringComparison.Ordinal) ? tables.MexicanStates
                : c[0].StartsWith("US-", StringComparison.Ordinal) ? tables.UsStates
                : throw TsvResource.Bad("states.tsv", line, $"code '{c[0]}' is neither MX-… nor US-…");

            // The ISO code itself ("MX-JAL") and its subdivision part ("JAL") are aliases too.
            AddAll(table, TsvResource.Aliases(c[0], c[1]).Append(c[0][3..]), c[0], line);
        }

        foreach (var (line, c) in TsvResource.Read("importer_models.tsv", "importer", "models", "maker"))
        {
            if (!tables.Makers.TryFind(c[0], out var importer) || !importer.IsImporter || !tables.Makers.TryFind(c[2], out var maker) || maker.IsImporter)
            {
                throw TsvResource.Bad("importer_models.tsv", line, $"'{c[0]}' must be an importer and '{c[2]}' a maker of makers.tsv");
            }

            if (!tables._imports.TryGetValue(importer.Name, out var imports))
            {
                tables._imports[importer.Name] = imports = [];
            }

            imports.AddRange(c[1].Split('|').Select(prefix => (prefix, maker)));
        }

        LoadWords(tables.Words);
        foreach (var (line, c) in TsvResource.Read("months.tsv", "month", "aliases"))
        {
            AddAll(tables.Months, TsvResource.Aliases(c[0], c[1]).Skip(1), int.Parse(c[0], CultureInfo.InvariantCulture), line);
        }

        foreach (var (line, c) in TsvResource.Read("fields.tsv", "field", "kinds", "aliases"))
        {
            var field = RecordFields.Parse(c[0]) ?? throw TsvResource.Bad("fields.tsv", line, $"'{c[0]}' is not a record field");
            var kinds = c[1] == "*" ? Enum.GetValues<RecordKind>() : c[1].Split(',').Select(k => RecordKinds.Parse(k) ?? throw TsvResource.Bad("fields.tsv", line, $"'{k}' is not a record kind")).ToArray();
            foreach (var kind in kinds)
            {
                AddAll(fields[kind], TsvResource.Aliases(c[0], c[2]), field, line);
            }
        }

        return tables;
    }

    private static void LoadWords(AliasTable<WordMeaning> words)
    {
        // A word may carry several meanings, so the flags are gathered before the table (which refuses a second meaning) is filled.
        var meanings = new Dictionary<string, (WordMeaning Meaning, string Alias, int Line)>(StringComparer.Ordinal);
        foreach (var (line, c) in TsvResource.Read("words.tsv", "meaning", "aliases"))
        {
            var meaning = c[0] switch
            {
                "yes" => WordMeaning.Yes,
                "no" => WordMeaning.No,
                "unknown" => WordMeaning.Unknown,
                "obliterated" => WordMeaning.Obliterated,
                "no_serial" => WordMeaning.NoSerial,
                "routine" => WordMeaning.Routine,
                "urgent" => WordMeaning.Urgent,
                _ => throw TsvResource.Bad("words.tsv", line, $"'{c[0]}' is not a known meaning"),
            };
            foreach (var alias in TsvResource.Aliases(c[0], c[1]).Skip(1))
            {
                var key = AliasKey.Fold(alias, AliasStyle.Plain);
                meanings[key] = meanings.TryGetValue(key, out var had) ? (had.Meaning | meaning, had.Alias, had.Line) : (meaning, alias, line);
            }
        }

        foreach (var (meaning, alias, line) in meanings.Values)
        {
            words.Add(alias, meaning, line);
        }
    }

    private static void AddAll<T>(AliasTable<T> table, IEnumerable<string> aliases, T value, int line)
        where T : notnull
    {
        foreach (var alias in aliases)
        {
            table.Add(alias, value, line);
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
