using System.Text.Json.Serialization;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// How every output (CLI, CSV, API, review page) says whether a pair was registered: <c>registered</c>, or
/// <c>failed</c> with the reason. One rule, so that no output prints a failed registration's zeros as a pose.
/// </summary>
public sealed record RegistrationOutcome(string Status, string? Reason)
{
    public const string Registered = "registered";

    public const string Failed = "failed";

    [JsonIgnore]
    public bool IsRegistered => Status == Registered;

    public static RegistrationOutcome Of(Registration registration) => Of(registration.Registered ? null : registration.FailureReason ?? "no pose found");

    /// <summary>From a stored failure reason: null when the pair was registered.</summary>
    public static RegistrationOutcome Of(string? failureReason) => failureReason is null ? new(Registered, null) : new(Failed, failureReason);

    /// <summary>The CSV outputs' <c>status</c> column: <c>registered</c>, or <c>registration_failed: REASON</c>.</summary>
    [JsonIgnore]
    public string CsvStatus => IsRegistered ? Registered : $"registration_failed: {Reason}";

    /// <summary>A pose figure as an output shows it: absent when there is no pose.</summary>
    public double? Pose(double value) => IsRegistered ? value : null;
}
