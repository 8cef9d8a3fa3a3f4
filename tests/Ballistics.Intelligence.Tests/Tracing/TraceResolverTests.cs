using Ballistics.Intelligence.Tracing;

namespace Ballistics.Intelligence.Tests.Tracing;

[TestFixture]
public sealed class TraceResolverTests
{
    private static readonly TracePerson Straw = new("id:TX1", "J. Straw", new DateOnly(1990, 1, 1));

    private static readonly SaleRecord Glock = new()
    {
        RecordId = 1,
        TransactionId = "X1",
        Make = "Glock",
        MakeCode = "GLC",
        Model = "19",
        ModelKey = "19",
        Caliber = "9x19mm Parabellum",
        CaliberCode = "9",
        Serial = "AB123",
        SerialKey = "AB123",
        Importer = "Glock Inc.",
        ImportDate = new DateOnly(2019, 1, 2),
        Distributor = "Big Dist",
        DistributorDate = new DateOnly(2019, 1, 9),
        Dealer = "Border Guns",
        DealerFfl = "5-74-123-01-2B-12345",
        DealerDate = new DateOnly(2019, 1, 15),
        RetailDate = new DateOnly(2019, 2, 1), // a Friday
        MultipleSaleReport = "MS-1",
        Purchaser = Straw,
    };

    private static readonly TraceQuery GlockQuery = new() { Make = "Glock", MakeCode = "GLC", Serial = "AB123", SerialKey = "AB123", RecoveryDate = new DateOnly(2021, 6, 1) };

    [Test]
    public void Resolve_ObliteratedSerial_NotCompletedWithThatReason()
    {
        var result = Resolver(Glock).Resolve(GlockQuery with { Obliterated = true, Serial = null, SerialKey = null });

        Assert.That(result.Outcome, Is.EqualTo(TraceOutcome.ObliteratedSerial));
        Assert.That(result.IsCompleted, Is.False);
        Assert.That(result.Chain, Is.Empty);
    }

    [TestCase(null, "AB123", "maker")]
    [TestCase("GLC", null, "serial")]
    [TestCase(null, null, "maker and serial")]
    public void Resolve_MakerOrSerialUnknown_InsufficientDescription(string? makeCode, string? serialKey, string missing)
    {
        var result = Resolver(Glock).Resolve(GlockQuery with { MakeCode = makeCode, SerialKey = serialKey });

        Assert.That(result.Outcome, Is.EqualTo(TraceOutcome.InsufficientDescription));
        Assert.That(result.Detail, Does.Contain($"the {missing} not known"));
    }

    [Test]
    public void Resolve_NoSaleOfThatSerial_NoRecord()
    {
        var result = Resolver(Glock).Resolve(GlockQuery with { SerialKey = "ZZ9" });

        Assert.That(result.Outcome, Is.EqualTo(TraceOutcome.NoRecord));
        Assert.That(result.Candidates, Is.Empty);
    }

    [Test]
    public void Resolve_ModelDiffers_NoRecordShowingTheSaleThatDiffers()
    {
        var result = Resolver(Glock).Resolve(GlockQuery with { ModelKey = "17" });

        Assert.That(result.Outcome, Is.EqualTo(TraceOutcome.NoRecord));
        Assert.That(result.Detail, Does.Contain("model or caliber differs"));
        Assert.That(result.Candidates.Select(c => c.TransactionId), Is.EqualTo(new[] { "X1" }));
    }

    [TestCase("9mm (unspecified)", "9", true)]
    [TestCase("9x19mm Parabellum", "9", true)]
    [TestCase(".380 ACP", "380", false)]
    [TestCase(".38 (unspecified)", "38", false)]
    public void Resolve_Caliber_UnspecifiedFamilyAgreesWithItsCartridgeOnly(string caliber, string code, bool completed)
    {
        var result = Resolver(Glock).Resolve(GlockQuery with { Caliber = caliber, CaliberCode = code });

        Assert.That(result.IsCompleted, Is.EqualTo(completed));
    }

    [Test]
    public void Resolve_TwoSalesFit_AmbiguousWithBoth()
    {
        var result = Resolver(Glock, Glock with { RecordId = 2, TransactionId = "X2", ModelKey = null }).Resolve(GlockQuery with { ModelKey = "19" });

        Assert.That(result.Outcome, Is.EqualTo(TraceOutcome.Ambiguous));
        Assert.That(result.Candidates.Select(c => c.TransactionId), Is.EqualTo(new[] { "X1", "X2" }));
    }

    [Test]
    public void Resolve_OneSale_CompletedWithChainFromImporterToPurchaser()
    {
        var result = Resolver(Glock).Resolve(GlockQuery);

        Assert.That(result.Outcome, Is.EqualTo(TraceOutcome.Completed));
        Assert.That(result.Chain, Is.EqualTo(new[]
        {
            new ChainStep(ChainRole.Importer, "Glock Inc.", null, new DateOnly(2019, 1, 2)),
            new ChainStep(ChainRole.Distributor, "Big Dist", null, new DateOnly(2019, 1, 9)),
            new ChainStep(ChainRole.Dealer, "Border Guns", "5-74-123-01-2B-12345", new DateOnly(2019, 1, 15)),
            new ChainStep(ChainRole.Purchaser, "J. Straw", null, new DateOnly(2019, 2, 1)),
        }));
        Assert.That(result.TimeToCrime, Is.EqualTo(new TimeToCrime(851, true)));
    }

    [TestCase(2022, 1, 31, 1095, true)]
    [TestCase(2022, 2, 1, 1096, false)]
    public void TimeToCrimeOf_AroundThreeYears_ShortOnlyBelow(int year, int month, int day, int days, bool isShort)
    {
        var ttc = TraceResolver.TimeToCrimeOf(new DateOnly(2019, 2, 1), new DateOnly(year, month, day));

        Assert.That(ttc, Is.EqualTo(new TimeToCrime(days, isShort)));
    }

    [TestCase(2019, 2, 1, 2019, 2, 4, 2)]
    [TestCase(2019, 2, 7, 2019, 2, 1, 5)]
    [TestCase(2019, 2, 2, 2019, 2, 3, 0)]
    public void BusinessDaysSpanned_EitherOrder_WeekendsNotCounted(int y1, int m1, int d1, int y2, int m2, int d2, int expected)
    {
        Assert.That(TraceResolver.BusinessDaysSpanned(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)), Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_StrawPurchaserBoughtMore_MultipleSaleIndicators()
    {
        var fifthBusinessDay = Glock with { RecordId = 2, TransactionId = "X2", SerialKey = "CD456", RetailDate = new DateOnly(2019, 2, 7), MultipleSaleReport = null };
        var sameReport = Glock with { RecordId = 3, TransactionId = "X3", SerialKey = "EF789", RetailDate = new DateOnly(2019, 2, 4) };
        var sixthBusinessDay = Glock with { RecordId = 4, TransactionId = "X4", SerialKey = "GH000", RetailDate = new DateOnly(2019, 2, 8), MultipleSaleReport = null };

        var result = Resolver(Glock, fifthBusinessDay, sameReport, sixthBusinessDay).Resolve(GlockQuery);

        Assert.That(result.MultipleSale, Is.EqualTo(new MultipleSaleIndicators("MS-1", 2, 4, 2)));
        Assert.That(result.MultipleSale!.Any, Is.True);
    }

    [Test]
    public void Resolve_EarlierTraces_OncePerRequestClosestLinkFirstAndNoneLaterOrSelf()
    {
        var otherGun = Glock with { RecordId = 2, TransactionId = "X2", SerialKey = "CD456", DealerFfl = "9-99" };
        var registry = new ListRegistry([Glock, otherGun]);
        registry.Traces.Add((new PriorTrace(10, "T-self", new DateOnly(2021, 6, 1), "MX-JAL", "Glock", "AB123", TraceLink.Firearm), "GLC", "AB123"));
        registry.Traces.Add((new PriorTrace(11, "T-same-gun", new DateOnly(2020, 3, 1), "MX-SON", "Glock", "AB123", TraceLink.Firearm), "GLC", "AB123"));
        registry.Traces.Add((new PriorTrace(12, "T-same-buyer", new DateOnly(2019, 12, 1), "US-TX", "Glock", "CD456", TraceLink.Firearm), "GLC", "CD456"));
        registry.Traces.Add((new PriorTrace(13, "T-later", new DateOnly(2023, 1, 1), "MX-JAL", "Glock", "CD456", TraceLink.Firearm), "GLC", "CD456"));

        var result = new TraceResolver(registry).Resolve(GlockQuery with { RequestId = 10 });

        Assert.That(result.EarlierTraces.Select(t => (t.TraceNumber, t.Link)), Is.EqualTo(new[] { ("T-same-buyer", TraceLink.Purchaser), ("T-same-gun", TraceLink.Firearm) }));
    }

    private static TraceResolver Resolver(params SaleRecord[] sales) => new(new ListRegistry(sales));
}
