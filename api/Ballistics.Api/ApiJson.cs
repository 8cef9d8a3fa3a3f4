using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballistics.Api;

/// <summary>The API's JSON: snake_case names and enum values, as the CLI's JSON writes them.</summary>
public static class ApiJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        // A key given twice is refused: which of the two the client meant cannot be known.
        options.AllowDuplicateProperties = false;
    }

    /// <summary>For bodies the API reads as documents (records, evidence metadata): a key given twice is refused, as in <see cref="Apply"/>.</summary>
    public static JsonDocumentOptions Documents { get; } = new() { AllowDuplicateProperties = false };

    /// <summary>Options for a client of the API (the demo, the tests).</summary>
    public static JsonSerializerOptions Client()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        Apply(options);
        return options;
    }
}
