namespace Ballistics.Intelligence.Trafficking;

/// <summary>
/// What the trafficking report reads from the store, beside the trace registry it resolves the trace requests with. The
/// store answers in counts wherever a row would name a person: purchasers arrive as how many sales each made, never as
/// who, so the analysis cannot leak what it never receives.
/// </summary>
public interface ITraffickingRecords
{
    TraffickingFacts Facts();
}
