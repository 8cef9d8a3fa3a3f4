using System.Text.Json;

namespace Ballistics.Cli;

/// <summary>JSON as the CLI prints it: snake_case names, one object per line.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        // Cell results of cells that found nothing hold NaN; JSON has no NaN, so it is written as the string "NaN".
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
