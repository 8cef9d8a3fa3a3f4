using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ballistics.Api.Access;

/// <summary>
/// Authenticates a request by the API key it sends as <c>Authorization: Bearer KEY</c>: the key's role, agency and
/// country become the caller's claims. A missing, unknown or revoked key leaves the caller anonymous, and the endpoint's
/// authorization answers 401 as a ProblemDetails.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StoreAccess store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = store.Use(s => s.Keys.Authenticate(header["Bearer ".Length..].Trim()));
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked API key"));
        }

        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, key.Prefix),
            new(ApiRoles.KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Role, key.Role),
            new(ApiRoles.AgencyClaim, key.Agency),
            new(ApiRoles.CountryClaim, key.Country),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
