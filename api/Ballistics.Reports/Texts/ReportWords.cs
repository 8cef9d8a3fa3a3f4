namespace Ballistics.Reports.Texts;

/// <summary>The reports' words (Texts/report.*.json) in one language: what a page or a plot is written with.</summary>
internal readonly record struct ReportWords(Language Language)
{
    public static TextCatalog Catalog { get; } = TextCatalog.Load(typeof(ReportWords).Assembly, "report");

    public string this[string key] => Catalog.Get(Language, key);

    public string Format(string key, params object?[] args) => Catalog.Format(Language, key, args);

    /// <summary>A period the activity summary names ("week", "month") in this language.</summary>
    public string Period(string period) => this[$"period.{period}"];
}
