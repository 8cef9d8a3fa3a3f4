namespace Ballistics.Api.Access;

/// <summary>The roles of the API keys and the claims a request carries once its key is known.</summary>
public static class ApiRoles
{
    public const string Lab = "lab";
    public const string Reviewer = "reviewer";
    public const string Examiner = "examiner";
    public const string Investigator = "investigator";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    public const string KeyIdClaim = "ballistics:key_id";
    public const string AgencyClaim = "ballistics:agency";
    public const string CountryClaim = "ballistics:country";

    /// <summary>The policy that admits only admins (audit log, keys).</summary>
    public const string AdminPolicy = "admin";
}
