using System.CommandLine;
using Ballistics.Engine.Corpus;
using Ballistics.Ingest.Scans;

namespace Ballistics.Cli.Corpus;

/// <summary>
/// The stage-1 filters as command-line options, normalised by the same tables as the items' metadata (so `--caliber
/// 9mm Luger` and `--caliber 9x19` select the same items). A value that names nothing known is an error, not an empty
/// result.
/// </summary>
internal sealed class FilterOptions
{
    private readonly Option<string?> _caliber = new("--caliber") { Description = "only items of this caliber (e.g. 9x19, \"9mm Luger\")" };
    private readonly Option<string?> _firingPin = new("--firing-pin") { Description = "only items of this firing-pin impression class (as stored, e.g. hemispherical, rectangular)" };
    private readonly Option<string?> _pinShape = new("--firing-pin-shape") { Description = "only items whose firing-pin impression was measured to be of this shape: circular, elliptical or rectangular" };
    private readonly Option<string?> _country = new("--country") { Description = "only items recovered in US or MX" };
    private readonly Option<string?> _region = new("--region") { Description = "only items of this state (US-TX, MX-SON, or a state name)" };
    private readonly Option<string?> _from = new("--from") { Description = "only items dated on or after (YYYY-MM-DD)" };
    private readonly Option<string?> _to = new("--to") { Description = "only items dated on or before (YYYY-MM-DD)" };

    public static FilterOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (var option in new[] { _caliber, _firingPin, _pinShape, _country, _region, _from, _to })
        {
            command.Options.Add(option);
        }
    }

    public SearchFilter? Parse(ParseResult parse, TextWriter error)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string column, string? value)
        {
            if (value is not null)
            {
                fields[column] = value;
            }
        }

        Put("caliber", parse.GetValue(_caliber));
        Put("firing_pin_class", parse.GetValue(_firingPin));
        Put("country", parse.GetValue(_country));
        var read = ScanItemFields.Read(fields, "query", "command line", 0);
        if (!read.Success)
        {
            error.WriteLine($"error: {read.Error.Location?.Replace("field ", "--", StringComparison.Ordinal).Replace('_', '-')}: {read.Error.Message}");
            return null;
        }

        string? region = null;
        if (parse.GetValue(_region) is { } regionText)
        {
            var us = ScanItemFields.Read(new Dictionary<string, string> { ["us_state"] = regionText }, "query", "command line", 0);
            var mx = ScanItemFields.Read(new Dictionary<string, string> { ["mx_state"] = regionText }, "query", "command line", 0);
            region = (us.Success, mx.Success) switch
            {
                (true, false) => us.Value.UsState,
                (false, true) => mx.Value.MxState,
                _ => null,
            };
            if (region is null)
            {
                error.WriteLine(us.Success
                    ? $"error: --region: '{regionText}' may be {us.Value.UsState} or {mx.Value.MxState}; give the code"
                    : $"error: --region: '{regionText}' is not a state of Mexico or the United States");
                return null;
            }
        }

        string? shape = null;
        if (parse.GetValue(_pinShape) is { } shapeText)
        {
            // The measured classes are the engine's own names, so the value is checked against them, not a table.
            if (!Enum.TryParse<Engine.FiringPin.FiringPinShape>(shapeText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(shapeText, out _))
            {
                error.WriteLine($"error: --firing-pin-shape: '{shapeText}' is not a measured shape; give circular, elliptical or rectangular");
                return null;
            }

            shape = parsed.ToString().ToLowerInvariant();
        }

        DateOnly? Date(Option<string?> option)
        {
            var text = parse.GetValue(option);
            return text is null ? null : DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date) ? date : throw new FormatException($"{option.Name}: '{text}' is not a date (YYYY-MM-DD)");
        }

        try
        {
            return new SearchFilter
            {
                Caliber = read.Value.Caliber,
                FiringPinClass = read.Value.FiringPinClass,
                FiringPinShape = shape,
                Country = read.Value.Country,
                Region = region,
                From = Date(_from),
                To = Date(_to),
            };
        }
        catch (FormatException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }
}
