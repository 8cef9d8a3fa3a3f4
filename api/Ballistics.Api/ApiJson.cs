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
    }

    /// <summary>Options for a client of the API (the demo, the tests).</summary>
    public static JsonSerializerOptions Client()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        Apply(options);
        return options;
    }
}
