namespace Ballistics.Ingest.Records.Normalization;

/// <summary>The order a file's numeric dates are written in, declared by whoever sends the file.</summary>
public enum DateLocale
{
    /// <summary>Not declared: a date readable both ways (04/03/2023) is an error, never a guess.</summary>
    Unspecified,

    /// <summary>en-US: MM/DD/YYYY.</summary>
    EnUs,

    /// <summary>es-MX: DD/MM/YYYY.</summary>
    EsMx,
}

/// <summary>The locale names the command line takes.</summary>
public static class DateLocales
{
    public static DateLocale? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => DateLocale.Unspecified,
        "en-us" or "en_us" => DateLocale.EnUs,
        "es-mx" or "es_mx" => DateLocale.EsMx,
        _ => null,
    };

    public static string Name(DateLocale locale) => locale switch
    {
        DateLocale.EnUs => "en-US",
        DateLocale.EsMx => "es-MX",
        _ => "unspecified",
    };
}

/// <summary>How a record file is read.</summary>
public sealed record NormalizeOptions
{
    public static NormalizeOptions Default { get; } = new();

    public DateLocale Locale { get; init; } = DateLocale.Unspecified;

    /// <summary>Dates after this day are errors (a recovery cannot be in the future); the UTC date of the run when null.</summary>
    public DateOnly? Today { get; init; }
}
