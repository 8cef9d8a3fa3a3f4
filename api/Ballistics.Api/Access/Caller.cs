using System.Globalization;
using System.Security.Claims;
using Ballistics.Store.Scans;

namespace Ballistics.Api.Access;

/// <summary>Who is asking, from the claims of their key.</summary>
public sealed record Caller(long? KeyId, string Role, string Agency, string Country, string Name)
{
    /// <summary>Binds a handler's <see cref="Caller"/> parameter from the authenticated key's claims.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<Caller?>(Of(context.User));
    }

    private static Caller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Caller(
            long.TryParse(user.FindFirstValue(ApiRoles.KeyIdClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null,
            user.FindFirstValue(ClaimTypes.Role) ?? string.Empty,
            user.FindFirstValue(ApiRoles.AgencyClaim) ?? string.Empty,
            user.FindFirstValue(ApiRoles.CountryClaim) ?? string.Empty,
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty);
    }
}

/// <summary>
/// The US↔MX sharing rules for evidence and leads (settings <c>Sharing:CrossBorder</c>, default true: the binational
/// agreement shares ballistic leads both ways). Labs, reviewers and examiners see their own country's evidence, and the
/// other country's when sharing is on; investigators see their own agency's evidence only; analysts see evidence
/// (it holds no personal data); admins see all.
/// </summary>
public sealed record SharingRules(bool CrossBorder)
{
    public bool CanSee(Caller caller, ScanItem item)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(item);
        var metadata = item.Metadata;
        return caller.Role switch
        {
            ApiRoles.Admin or ApiRoles.Analyst => true,
            ApiRoles.Investigator => string.Equals(metadata.Agency, caller.Agency, StringComparison.Ordinal),
            _ => metadata.Country is null || metadata.Country == caller.Country || CrossBorder,
        };
    }

    /// <summary>
    /// The masking rule, for every answer that carries personal data (a trace's purchaser, a linkage's trace chain and
    /// the purchaser's other firearms): admins, and investigators of the agency that owns the record, read it; everyone
    /// else who may see the record at all reads it masked (<see cref="Intelligence.Tracing.PersonalDataMask"/>).
    /// </summary>
    public static bool SeesPersonalData(Caller caller, string? owningAgency)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role == ApiRoles.Admin
            || (caller.Role == ApiRoles.Investigator && string.Equals(owningAgency, caller.Agency, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The country a caller's searches are kept to: none when sharing crosses the border.</summary>
    public string? SearchCountry(Caller caller) => CrossBorder || caller.Role == ApiRoles.Admin ? null : caller.Country;
}
