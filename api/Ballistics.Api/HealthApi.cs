using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballistics.Api;

/// <summary>Liveness of the service; the evidence, lead and trace endpoints join it as their issues land.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // No key needed, but the rate limit holds for every caller (by address when there is no key).
        app.MapGet("/v1/health", GetHealth).WithName("GetHealth").WithTags("Health").WithSummary("Whether the service is up, and its version")
            .Produces<Microsoft.AspNetCore.Mvc.ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json");
        return app;
    }

    private static Ok<HealthStatus> GetHealth() => TypedResults.Ok(new HealthStatus("ok", typeof(HealthApi).Assembly.GetName().Version?.ToString() ?? "0"));
}

/// <summary>Body of GET /v1/health.</summary>
public sealed record HealthStatus(string Status, string Version);
