using System.Reflection;
using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Ingest.Tests.Records;

[TestFixture]
public sealed class RecordNormalizerTests
{
    private const string TraceHeader = "trace number,ori,agency,requester country,crime code,priority,serial,make,importer,model,caliber,type,recovery date,country,state,city,possessor,possessor dob";
    private const string TransactionHeader = "transaction id,serial,make,model,caliber,type,import date,distributor,distributor date,dealer,ffl,dealer date,retail date,purchaser,purchaser dob,multiple sale report";

    [Test]
    public void Normalize_CompleteTraceRequest_AllFieldsCanonical()
    {
        var csv = TraceHeader + "\nT-2023-001,tx0570000,Policía de Investigación,México,5212,urgente,TCB-4567,Cugir/Century Arms,,WASR-10,7.62x39,Fusil,2023-04-03,MX,Tamaulipas,Reynosa,Juan Pérez,1990-05-01\n";

        var result = RecordText.Normalize(csv, RecordKind.Trace).Single();

        Assert.That(result.Errors, Is.Empty);
        var trace = (TraceRequest)result.Record!;
        Assert.That(trace.TraceNumber, Is.EqualTo("T-2023-001"));
        Assert.That(trace.Ori, Is.EqualTo("TX0570000"));
        Assert.That(trace.RequesterCountry, Is.EqualTo("MX"));
        Assert.That(trace.CrimeCode, Is.EqualTo("5212"));
        Assert.That(trace.Priority, Is.EqualTo(TracePriority.Urgent));
        Assert.That(trace.Firearm.Make, Is.EqualTo("Romarm"));
        Assert.That(trace.Firearm.Importer, Is.EqualTo("Century Arms"));
        Assert.That(trace.Recovery, Is.EqualTo(new Recovery(new DateOnly(2023, 4, 3), new Place("MX", "MX-TAM", "Reynosa"))));
        Assert.That(trace.Possessor, Is.EqualTo(new PersonRecord("Juan Pérez", new DateOnly(1990, 5, 1), null, null)));
    }

    /// <summary>An importer's name where the make goes: the model names the original maker (NCIC codes it), the importer is kept.</summary>
    [TestCase("Century Arms", "WASR-10/63", "Romarm", "RMC")]
    [TestCase("CENTURY ARMS INC.", "Mini Draco", "Romarm", "RMC")]
    [TestCase("Century International Arms", "PAP M92 PV", "Zastava", "ZAS")]
    [TestCase("C.A.I.", "TP9SF Elite", "Canik", null)]
    public void Normalize_ImporterInMakeWithAModelItImports_OriginalMakerAndAWarning(string make, string model, string maker, string? code)
    {
        var csv = TraceHeader + $"\nT-7,,,,,,RO-1234,{make},,{model},7.62x39,Fusil,2023-04-03,MX,Tamaulipas,Reynosa,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Trace).Single();

        Assert.That(result.IsOk, Is.True, string.Join("; ", result.Errors));
        Assert.That(result.Firearm.Make, Is.EqualTo(maker));
        Assert.That(result.Firearm.MakeCode, Is.EqualTo(code));
        Assert.That(result.Firearm.Importer, Does.StartWith("Century"));
        Assert.That(result.Warnings.Select(w => w.Field), Is.EqualTo(new[] { "make" }));
        Assert.That(result.Warnings[0].Reason, Does.Contain("importer").And.Contain(maker));
    }

    [Test]
    public void Normalize_ImporterInMakeOfATransactionWithAModelItDoesNotName_KeptMakeUnknownImporterRecorded()
    {
        var csv = TransactionHeader + "\nX-1,IO-555,I.O. Inc.,Sporter,7.62x39,Rifle,,,,Guns & More,5-74-029-01-2C-04112,,2019-05-16,Ana Ruiz,1980-02-02,\n";

        var result = RecordText.Normalize(csv, RecordKind.Transaction).Single();

        Assert.That(result.IsOk, Is.True, string.Join("; ", result.Errors));
        Assert.That(result.Firearm.Make, Is.Null);
        Assert.That(result.Firearm.Importer, Is.EqualTo("Inter Ordnance"));
        Assert.That(result.Warnings.Single().Reason, Does.Contain("'Sporter' does not say who made it").And.Contain("give the original maker"));
    }

    [Test]
    public void Normalize_UnknownMaker_StillRejected()
    {
        var csv = TraceHeader + "\nT-8,,,,,,AB-1,Acme Guns,,X1,9mm,Pistola,2023-04-03,MX,Tamaulipas,Reynosa,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Trace).Single();

        Assert.That(result.IsOk, Is.False);
        Assert.That(result.Errors.Single().Reason, Does.Contain("not a known maker"));
        Assert.That(result.Warnings, Is.Empty);
    }

    [Test]
    public void Normalize_TraceWithoutMakeOrDate_EachMissingFieldReported()
    {
        var csv = TraceHeader + "\nT-1,,,,,,123,,,,,,,,,,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Trace).Single();

        Assert.That(result.IsOk, Is.False);
        Assert.That(result.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "make", "recovery_date" }));
    }

    [Test]
    public void Normalize_TraceWithBadIdentifiers_EveryProblemOnItsField()
    {
        var csv = TraceHeader + "\nT-1,057,,Narnia,52,whenever,123,Glock,,19,9x19,pistol,2023-04-03,,Texas,Laredo,Ana,2024-01-01\n";

        var result = RecordText.Normalize(csv, RecordKind.Trace).Single();

        Assert.That(result.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "ori", "requester_country", "crime_code", "priority", "possessor_dob" }));
        Assert.That(result.Recovery!.Value.Place, Is.EqualTo(new Place("US", "US-TX", "Laredo")));
    }

    [Test]
    public void Normalize_SeizureWithoutIncidentOrPlace_IsRejected()
    {
        const string csv = "serie,marca,fecha de aseguramiento\n123,Glock,2023-04-03\n";

        var result = RecordText.Normalize(csv, RecordKind.Seizure).Single();

        Assert.That(result.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "recovery_state", "incident_id" }));
    }

    [Test]
    public void Normalize_SeizureWithCartridgeCases_ListedInOrder()
    {
        const string csv = "serie,marca,fecha,estado,folio,casquillos\n123,Glock,2023-04-03,Sinaloa,EV-7,\"CC-3; CC-1, CC-2\"\n";

        var result = RecordText.Normalize(csv, RecordKind.Seizure).Single();

        var seizure = (SeizureRecord)result.Record!;
        Assert.That(seizure.IncidentId, Is.EqualTo("EV-7"));
        Assert.That(seizure.CartridgeCases, Is.EqualTo(new[] { "CC-3", "CC-1", "CC-2" }));
    }

    [Test]
    public void Normalize_CompleteTransaction_ChainAndPurchaser()
    {
        var csv = TransactionHeader + "\nX-1,FX-1234,Colt,M4,5.56x45,semi-automatic rifle,2019-01-10,Acme Wholesale,2019-02-01,Border Guns,5-74-123-01-2K-12345,2019-02-15,2019-03-02,Pedro Gómez,1988-07-04,MS-2019-77\n";

        var result = RecordText.Normalize(csv, RecordKind.Transaction).Single();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Recovery, Is.Null);
        var t = (FirearmTransaction)result.Record!;
        Assert.That(t.DealerFfl, Is.EqualTo("5-74-123-01-2K-12345"));
        Assert.That((t.ImportDate, t.DistributorDate, t.DealerDate, t.RetailDate), Is.EqualTo((new DateOnly(2019, 1, 10), new DateOnly(2019, 2, 1), new DateOnly(2019, 2, 15), new DateOnly(2019, 3, 2))));
        Assert.That(t.Purchaser, Is.EqualTo(new PersonRecord("Pedro Gómez", new DateOnly(1988, 7, 4), null, null)));
        Assert.That(t.MultipleSaleReport, Is.EqualTo("MS-2019-77"));
        Assert.That(t.Firearm.TypeCode, Is.EqualTo("RI"));
    }

    [Test]
    public void Normalize_TransactionDatesOutOfOrder_LaterStepReported()
    {
        var csv = TransactionHeader + "\nX-1,FX-1234,Colt,M4,5.56x45,rifle,2019-01-10,,,Border Guns,,2019-02-15,2019-02-01,,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Transaction).Single();

        Assert.That(result.Errors.Single(), Is.EqualTo(new FieldError("retail_date", "2019-02-01 is before the dealer_date 2019-02-15")));
    }

    [TestCase("UNK")]
    [TestCase("limado")]
    public void Normalize_TransactionWithoutARealSerial_IsRejected(string serial)
    {
        var csv = TransactionHeader + $"\nX-1,{serial},Colt,M4,5.56x45,rifle,,,,,,,,,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Transaction).Single();

        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { "serial" }));
    }

    [Test]
    public void Normalize_TransactionWithUnknownMaker_IsRejected()
    {
        var csv = TransactionHeader + "\nX-1,123,UNK,M4,5.56x45,rifle,,,,,,,,,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Transaction).Single();

        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { "make" }));
    }

    [Test]
    public void Normalize_PurchaserWithoutRetailDate_IsRejected()
    {
        var csv = TransactionHeader + "\nX-1,123,Colt,M4,5.56x45,rifle,,,,,,,,Pedro Gómez,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Transaction).Single();

        Assert.That(result.Errors.Single(), Is.EqualTo(new FieldError("retail_date", "required when a purchaser is named")));
    }

    [Test]
    public void Normalize_BadFfl_IsRejected()
    {
        var csv = TransactionHeader + "\nX-1,123,Colt,M4,5.56x45,rifle,,,,Border Guns,12-345,,,,,\n";

        var result = RecordText.Normalize(csv, RecordKind.Transaction).Single();

        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { "dealer_ffl" }));
    }

    [Test]
    public void ContentId_SameRecordOnOtherLinesOrSpelling_SameId()
    {
        const string csv = "serie,marca,calibre,fecha,estado,folio\nAB-12,S&W,9 mm Luger,03/04/2023,Jalisco,E1\nab 12,Smith and Wesson,9x19,2023-04-03,JAL,E1\nAB-13,S&W,9 mm Luger,03/04/2023,Jalisco,E1\n";

        var ids = RecordText.Normalize(csv, RecordKind.Seizure, locale: DateLocale.EsMx).Select(r => RecordIdentity.ContentId(r.Record!)).ToArray();

        Assert.That(ids[0], Is.EqualTo(ids[1]));
        Assert.That(ids[2], Is.Not.EqualTo(ids[0]));
        Assert.That(ids[0], Has.Length.EqualTo(64));
    }

    [Test]
    public void PersonalData_OnlyInMarkedTypesAndMembers()
    {
        Assert.That(typeof(PersonRecord).GetCustomAttribute<PersonalDataAttribute>(), Is.Not.Null);
        var holders = new[] { typeof(TraceRequest), typeof(SeizureRecord), typeof(FirearmTransaction), typeof(FirearmDescription) }
            .SelectMany(t => t.GetProperties())
            .Where(p => p.PropertyType == typeof(PersonRecord))
            .ToArray();

        Assert.That(holders.Select(p => p.Name).Distinct(), Is.EquivalentTo(new[] { "Possessor", "Purchaser" }));
        Assert.That(holders.All(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null), Is.True);
    }
}
