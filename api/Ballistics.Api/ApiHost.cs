using System.Security.Claims;
using System.Threading.RateLimiting;
using Ballistics.Api.Access;
using Ballistics.Api.Evidence;
using Ballistics.Api.Jobs;
using Ballistics.Api.Linkage;
using Ballistics.Api.Records;
using Ballistics.Api.Reports;
using Ballistics.Api.Review;
using Ballistics.Api.Texts;
using Ballistics.Cluster.Hosting;
using Ballistics.Store;
using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;

namespace Ballistics.Api;

/// <summary>
/// The service over one store: its settings (<c>Store</c>, the data folder, default <c>data</c>; <c>RateLimit:PerMinute</c>;
/// <c>Limits:MaxRequestBytes</c>), authentication by API key, the audit log around every /v1 request, ProblemDetails
/// for every error, the OpenAPI document at /openapi/v1.json and its interactive page at /docs. `ballistics serve` and
/// the test host build it here.
/// </summary>
public static class ApiHost
{
    public const string StoreSetting = "Store";

    /// <summary>True: searches and batch jobs run on the cluster rather than in this process.</summary>
    public const string ClusterSetting = "Cluster:Enabled";

    public const string ClusterIdSetting = "Cluster:Id";

    /// <summary>How long `serve --cluster` waits for a silo to answer before it gives up (default 60).</summary>
    public const string ClusterStartSecondsSetting = "Cluster:StartSeconds";

    /// <summary>A scan of a whole cartridge case is tens of MB at most; anything larger is refused before it is read.</summary>
    public const long DefaultMaxRequestBytes = 256L * 1024 * 1024;

    public const int DefaultRequestsPerMinute = 600;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        if (builder.Configuration.GetValue<bool>(ClusterSetting))
        {
            // An API node of a cluster: a client of the silos that find each other in the store's PostgreSQL database.
            var folder = builder.Configuration[StoreSetting] ?? "data";
            var connection = DataStore.PostgresConnection(folder);
            if (!connection.Success)
            {
                throw new InvalidOperationException(connection.Error!.ToString());
            }

            ClusterNode.AddClient(builder, connection.Value, builder.Configuration[ClusterIdSetting] ?? ClusterNode.DefaultClusterId);
        }

        // Settings are read once the configuration is whole (the test host adds its own after this method runs).
        builder.Services.AddSingleton(services => new StoreAccess(services.GetRequiredService<IConfiguration>()[StoreSetting] ?? "data"));
        builder.Services.AddSingleton(services => new ApiCorpus(services.GetRequiredService<IConfiguration>()[StoreSetting] ?? "data", services.GetService<IClusterClient>()));
        builder.Services.AddSingleton<LeadDiagnostics>();
        builder.Services.AddSingleton<CorrelationWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CorrelationWorker>());
        builder.Services.AddSingleton(services => new SharingRules(services.GetRequiredService<IConfiguration>().GetValue("Sharing:CrossBorder", true)));
        // The CLI's JSON and the API's read alike: item_id, exhibit_id.
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Apply(json.SerializerOptions));
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ApiTexts.Localize);
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.AdminPolicy, policy => policy.RequireRole(ApiRoles.Admin));
        builder.Services.AddOpenApi(options =>
        {
            ApiDocument.Configure(options);
            ApiKeyOpenApi.Configure(options);
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue("Limits:MaxRequestBytes", DefaultMaxRequestBytes));
        // The form's own limit (128 MiB by default) follows the request limit, so one setting says how large an upload may be.
        builder.Services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<IConfiguration>((form, configuration) => form.MultipartBodyLengthLimit = configuration.GetValue("Limits:MaxRequestBytes", DefaultMaxRequestBytes));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per key when one was presented (a lab's batch cannot starve another lab), else per address.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute(context), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, token) =>
            {
                var perMinute = PerMinute(rejected.HttpContext);
                rejected.HttpContext.Items[AuditMiddleware.DetailItem] = $"more than {perMinute} requests a minute";
                // When to come back, in whole seconds (the window's end), so a client's retry waits rather than hammers.
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                        Title = ApiTexts.Format(rejected.HttpContext, "title.too_many_requests"),
                        Detail = ApiTexts.Format(rejected.HttpContext, "detail.too_many_requests", perMinute),
                    },
                });
            };
        });

        var app = builder.Build();
        // A body that cannot be read (malformed JSON, too large) is the caller's error, whatever the environment.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseApiLanguage();
        app.UseMiddleware<AuditMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapHealthApi();
        app.MapAuditApi();
        app.MapEvidenceApi();
        app.MapLeadsApi();
        app.MapReviewApi();
        app.MapDiagnosticsApi();
        app.MapReviewPage();
        app.MapRecordsApi();
        app.MapJobsApi();
        app.MapLinkageApi();
        app.MapReportsApi();
        return app;
    }

    private static int PerMinute(HttpContext context) =>
        context.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimit:PerMinute", DefaultRequestsPerMinute);
}
