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

    /// <summary>Set when an endpoint's change committed with its entry: the status that entry records.</summary>
    private const string RecordedStatusItem = "audit-recorded-status";

    /// <summary>
    /// The entry of this request answered with <paramref name="status"/>, for the store to commit with the change it
    /// records (given the changed thing's id): the change never stands without its entry, even when the client is gone
    /// before the answer or the server is killed. Made only if the change is; the middleware then writes no second entry
    /// for that answer (it still does when the answer turns out otherwise, a failure after the change).
    /// </summary>
    public static Func<T, AuditEvent> WithChange<T>(HttpContext context, int status, Func<T, string> detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(detail);
        return changed =>
        {
            var said = detail(changed);
            context.Items[DetailItem] = said;
            context.Items[RecordedStatusItem] = status;
            return EventOf(context, status, said);
        };
    }

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
            var status = thrown ?? context.Response.StatusCode;
            if (!(context.Items.TryGetValue(RecordedStatusItem, out var recorded) && recorded is int committed && committed == status))
            {
                var said = context.Items.TryGetValue(DetailItem, out var detail) ? detail as string : null;
                store.Use(s => s.Audit.Append(EventOf(context, status, said)));
            }
        }
    }

    private static AuditEvent EventOf(HttpContext context, int status, string? said)
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
        var detail = said
            ?? (status == StatusCodes.Status401Unauthorized ? (context.Request.Headers.Authorization.Count == 0 ? "no API key" : "unknown or revoked API key")
            : status == StatusCodes.Status403Forbidden ? $"the role {user.FindFirstValue(ClaimTypes.Role)} may not {action}"
            : null);
        return new AuditEvent(
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
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
