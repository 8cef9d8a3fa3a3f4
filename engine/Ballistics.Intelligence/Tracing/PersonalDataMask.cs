namespace Ballistics.Intelligence.Tracing;

/// <summary>
/// A trace with its personal data taken out, for those who may see the trace but not the people in it (analysts, and
/// investigators of other agencies where the rules let them see a trace at all): purchasers lose name, date of birth
/// and key, and the purchaser's step of the chain its name. Dealers, dates and places stay: they are what an analysis
/// of trafficking needs.
/// </summary>
public static class PersonalDataMask
{
    public const string Masked = "(masked)";

    public static TraceResult Apply(TraceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with
        {
            Sale = Mask(result.Sale),
            Candidates = [.. result.Candidates.Select(c => Mask(c)!)],
            Chain = [.. result.Chain.Select(step => step.Role == ChainRole.Purchaser ? step with { Name = step.Name is null ? null : Masked } : step)],
        };
    }

    /// <summary>
    /// What a masked viewer is shown of the purchaser's other purchases: nothing. Makes, models and serials under a
    /// pseudonym are still a person's purchase history; how many firearms were bought, and how close together, stays in
    /// the trace's multiple-sale indicator.
    /// </summary>
    public static IReadOnlyList<SaleRecord> MaskPurchases(IReadOnlyList<SaleRecord> purchaserSales)
    {
        ArgumentNullException.ThrowIfNull(purchaserSales);
        return [];
    }

    /// <summary>A sale without its purchaser's personal data.</summary>
    public static SaleRecord? Mask(SaleRecord? sale) =>
        sale?.Purchaser is null ? sale : sale with { Purchaser = new TracePerson(Masked, sale.Purchaser.Name is null ? null : Masked, null) };
}
