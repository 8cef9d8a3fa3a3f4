namespace Ballistics.Intelligence.Trafficking;

/// <summary>
/// The US state of a federal firearms licence, from its second field: the internal revenue district the licence was
/// issued in (X-DD-CCC-TT-EE-SSSSS; the ATF licensee list's layout names each district's state). The transactions on
/// file give a dealer's licence and name but no address, and every district lies in one state, so the licence alone
/// says where a traced firearm was first sold.
/// </summary>
public static class LicenceDistricts
{
    private static readonly Dictionary<string, string> States = new(StringComparer.Ordinal)
    {
        ["01"] = "US-ME", ["02"] = "US-NH", ["03"] = "US-VT", ["04"] = "US-MA", ["05"] = "US-RI", ["06"] = "US-CT",
        ["11"] = "US-NY", ["13"] = "US-NY", ["14"] = "US-NY", ["16"] = "US-NY",
        ["22"] = "US-NJ", ["23"] = "US-PA", ["25"] = "US-PA", ["51"] = "US-DE", ["52"] = "US-MD",
        ["36"] = "US-IL", ["37"] = "US-IL", ["39"] = "US-WI", ["41"] = "US-MN", ["45"] = "US-ND", ["46"] = "US-SD",
        ["54"] = "US-VA", ["56"] = "US-NC", ["57"] = "US-SC", ["58"] = "US-GA", ["59"] = "US-FL", ["62"] = "US-TN",
        ["63"] = "US-AL", ["64"] = "US-MS", ["66"] = "US-PR",
        ["31"] = "US-OH", ["34"] = "US-OH", ["35"] = "US-IN", ["38"] = "US-MI", ["55"] = "US-WV", ["61"] = "US-KY",
        ["42"] = "US-IA", ["43"] = "US-MO", ["47"] = "US-NE", ["48"] = "US-KS", ["71"] = "US-AR", ["72"] = "US-LA",
        ["73"] = "US-OK", ["74"] = "US-TX", ["75"] = "US-TX", ["76"] = "US-TX", ["83"] = "US-WY", ["84"] = "US-CO",
        ["85"] = "US-NM",
        ["33"] = "US-CA", ["68"] = "US-CA", ["77"] = "US-CA", ["94"] = "US-CA", ["95"] = "US-CA",
        ["81"] = "US-MT", ["82"] = "US-ID", ["86"] = "US-AZ", ["87"] = "US-UT", ["88"] = "US-NV", ["91"] = "US-WA",
        ["92"] = "US-AK", ["93"] = "US-OR", ["98"] = "US-GU", ["99"] = "US-HI",
    };

    /// <summary>The ISO 3166-2 code of the licence's state, or null when the licence is not in the normalised form (X-DD-...) or its district is not known.</summary>
    public static string? StateOf(string? licence) =>
        licence is { Length: > 4 } && licence[1] == '-' && licence[4] == '-' && States.TryGetValue(licence[2..4], out var state) ? state : null;
}
