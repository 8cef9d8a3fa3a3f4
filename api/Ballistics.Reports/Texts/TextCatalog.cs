using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ballistics.Reports.Texts;

/// <summary>
/// The texts of one part of the product (a report, the API's problems, the review page) in every
/// <see cref="Language"/>: one JSON resource file per language, <c>NAME.en.json</c> and <c>NAME.es.json</c>, each a flat
/// object of key to text, built into the assembly. Texts take composite-format holes (<c>{0}</c>), filled invariantly.
/// </summary>
public sealed partial class TextCatalog
{
    private readonly FrozenDictionary<Language, FrozenDictionary<string, string>> _texts;

    private TextCatalog(string name, FrozenDictionary<Language, FrozenDictionary<string, string>> texts)
    {
        Name = name;
        _texts = texts;
    }

    public string Name { get; }

    /// <summary>Reads the catalogue's files from <paramref name="assembly"/>'s resources (logical names <c>NAME.CODE.json</c>).</summary>
    public static TextCatalog Load(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var texts = new Dictionary<Language, FrozenDictionary<string, string>>();
        foreach (var language in Languages.All)
        {
            var resource = $"{name}.{language.Code()}.json";
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"{resource} is not built into {assembly.GetName().Name}");
            texts[language] = (JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"{resource} is not a JSON object of texts")).ToFrozenDictionary(StringComparer.Ordinal);
        }

        return new TextCatalog(name, texts.ToFrozenDictionary());
    }

    public IReadOnlyCollection<string> Keys(Language language) => _texts[language].Keys;

    /// <summary>The text of <paramref name="key"/>; a key missing from the catalogue is a bug, thrown at once.</summary>
    public string Get(Language language, string key) =>
        _texts[language].TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"no text '{key}' in {Name}.{language.Code()}.json");

    public string Format(Language language, string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(language, key), args);

    /// <summary>Every text of one language, for a page that fills itself in (the review page's script).</summary>
    public IReadOnlyDictionary<string, string> All(Language language) => _texts[language];

    /// <summary>
    /// What is wrong with the catalogue, if anything: a key in one language only, an empty text, or a text whose holes
    /// (<c>{0}</c>, <c>{1:0.0}</c>) differ from the same key's in the other language.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var keys = Languages.All.SelectMany(l => _texts[l].Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var missing = Languages.All.Where(l => !_texts[l].ContainsKey(key)).ToArray();
            if (missing.Length > 0)
            {
                problems.Add($"{Name}: '{key}' has no {string.Join(", ", missing.Select(l => l.Code()))} text");
                continue;
            }

            foreach (var language in Languages.All.Where(l => string.IsNullOrWhiteSpace(_texts[l][key])))
            {
                problems.Add($"{Name}.{language.Code()}: '{key}' is empty");
            }

            var holes = Languages.All.Select(l => string.Join(",", Hole().Matches(_texts[l][key]).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal))).Distinct().ToArray();
            if (holes.Length > 1)
            {
                problems.Add($"{Name}: '{key}' fills holes {string.Join(" in one language and ", holes.Select(h => $"{{{h}}}"))} in the other");
            }
        }

        return problems;
    }

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();
}
