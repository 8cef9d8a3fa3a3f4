using System.Security.Claims;
using Ballistics.Store.Access;

namespace Ballistics.Api.Access;

/// <summary>
/// Writes every request under /v1 (but the health probe) to the audit log once it is answered — who, what, the case
/// number and purpose the caller stated (headers <c>Case-Number</c> and <c>Purpose</c>) and how it ended, denied
/// attempts included. It runs after authentication, so the caller is known, and around authorization and the
/// endpoint, so their answer is what is logged.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, StoreAccess store)
{
    public const string CaseNumberHeader = "Case-Number";
    public const string PurposeHeader = "Purpose";

    /// <summary>Set by an endpoint to say what it refused or why (logged beside the status).</summary>
    public const string DetailItem = "audit-detail";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") || path.StartsWithSegments("/v1/health"))
        {
            await next(context);
            return;
        }

        int? thrown = null;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad)
        {
            // Answered with its own status by the exception handler (ApiHost): a malformed or oversized body.
            thrown = bad.StatusCode;
            throw;
        }
        catch
        {
            thrown = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            Record(context, thrown ?? context.Response.StatusCode);
        }
    }

    private void Record(HttpContext context, int status)
    {
        var user = context.User;
        var known = user.Identity?.IsAuthenticated == true;
        var endpoint = context.GetEndpoint();
        var action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? (endpoint is null ? "unmatched" : endpoint.DisplayName ?? "unnamed");
        var outcome = status switch
        {
            < 400 => "allowed",
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "denied",
            < 500 => "rejected",
            _ => "failed",
        };
        var detail = context.Items.TryGetValue(DetailItem, out var said) ? said as string
            : status == StatusCodes.Status401Unauthorized ? (context.Request.Headers.Authorization.Count == 0 ? "no API key" : "unknown or revoked API key")
            : status == StatusCodes.Status403Forbidden ? $"the role {user.FindFirstValue(ClaimTypes.Role)} may not {action}"
            : null;
        var entry = new AuditEvent(
            known && long.TryParse(user.FindFirstValue(ApiRoles.KeyIdClaim), out var keyId) ? keyId : null,
            user.FindFirstValue(ClaimTypes.Role),
            user.FindFirstValue(ApiRoles.AgencyClaim),
            user.FindFirstValue(ApiRoles.CountryClaim),
            context.Request.Method,
            Truncate(context.Request.Path.Value ?? "/", 500)!,
            action,
            context.Request.RouteValues.TryGetValue("id", out var id) ? Truncate(Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture), 100) : null,
            outcome,
            status,
            Truncate(Header(context, CaseNumberHeader), 100),
            Truncate(Header(context, PurposeHeader), 500),
            Truncate(detail, 1000));
        store.Use(s => s.Audit.Append(entry));
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
