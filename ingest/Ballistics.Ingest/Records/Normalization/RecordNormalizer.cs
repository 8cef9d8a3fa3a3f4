using Ballistics.Ingest.Records.Reading;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Normalization;

/// <summary>
/// Turns one read record into its normalised, validated form for one record kind, collecting every
/// problem instead of stopping at the first. One instance serves one file, record after record.
/// </summary>
internal sealed class RecordNormalizer
{
    private static readonly char[] ListSeparators = [';', ',', '|'];

    private readonly RecordKind _kind;
    private readonly NormalizeOptions _options;
    private readonly NormalizationTables _tables;
    private readonly RecordErrors _errors = new();
    private readonly FirearmNormalizer _firearms;
    private readonly PlaceResolver _places;
    private readonly DateOnly _today;

    public RecordNormalizer(RecordKind kind, NormalizeOptions options, NormalizationTables tables)
    {
        _kind = kind;
        _options = options;
        _tables = tables;
        _firearms = new FirearmNormalizer(tables, tables.Fields(kind), _errors);
        _places = new PlaceResolver(tables);
        _today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
    }

    public RecordResult Normalize(RawRecord raw, string source)
    {
        _errors.Start(raw.Errors);
        if (_errors.Any)
        {
            // The row itself is broken (wrong field count, open quote, bad JSON): its fields mean nothing.
            _errors.TakeWarnings();
            return new RecordResult(source, raw.Line, _kind, _errors.Take(), new FirearmDescription(), null, null);
        }

        var firearm = _firearms.Normalize(
            raw,
            makeRequired: _kind != RecordKind.Seizure,
            makeMayBeUnknown: _kind != RecordKind.Transaction,
            serialMustBePresent: _kind == RecordKind.Transaction);
        Recovery? recovery = null;
        FirearmRecord record;
        if (_kind == RecordKind.Transaction)
        {
            record = Transaction(raw, firearm);
        }
        else
        {
            var recovered = Recovered(raw, firearm);
            recovery = recovered.Recovery;
            record = recovered;
        }

        var ok = !_errors.Any;
        return new RecordResult(source, raw.Line, _kind, _errors.Take(), firearm, recovery, ok ? record : null) { Warnings = _errors.TakeWarnings() };
    }

    /// <summary>A trace request or a seizure report: the fields they share, then each one's own.</summary>
    private RecoveryRecord Recovered(RawRecord raw, FirearmDescription firearm)
    {
        var recovery = Recovery(raw, placeRequired: _kind == RecordKind.Seizure);
        var incident = TextValue.Tidy(raw[RecordField.IncidentId]);
        RecoveryRecord record = _kind == RecordKind.Trace
            ? new TraceRequest
            {
                Firearm = firearm,
                TraceNumber = TextValue.Tidy(raw[RecordField.TraceNumber]),
                RequesterCountry = Optional(raw, RecordField.RequesterCountry, _places.Country),
                Priority = Priority(raw),
            }
            : new SeizureRecord { Firearm = firearm, CartridgeCases = List(raw[RecordField.CartridgeCases]) };
        if (incident is null && _kind == RecordKind.Seizure)
        {
            _errors.Add(RecordField.IncidentId, "required: the seizure's incident id groups its firearms and evidence");
        }

        return record with
        {
            IncidentId = incident,
            Agency = TextValue.Tidy(raw[RecordField.Agency]),
            Ori = Optional(raw, RecordField.Ori, Identifiers.Ori),
            CaseNumber = TextValue.Tidy(raw[RecordField.CaseNumber]),
            CrimeCode = Optional(raw, RecordField.CrimeCode, Identifiers.CrimeCode),
            Recovery = recovery,
            Possessor = Person(raw, RecordField.PossessorName, RecordField.PossessorDob, RecordField.PossessorAddress, RecordField.PossessorId, recovery.Date, RecordField.RecoveryDate),
        };
    }

    private FirearmTransaction Transaction(RawRecord raw, FirearmDescription firearm)
    {
        var import = Date(raw, RecordField.ImportDate, required: false);
        var distributor = Date(raw, RecordField.DistributorDate, required: false);
        var dealer = Date(raw, RecordField.DealerDate, required: false);
        var retail = Date(raw, RecordField.RetailDate, required: false);
        InOrder(RecordField.ImportDate, import, RecordField.DistributorDate, distributor);
        InOrder(RecordField.DistributorDate, distributor ?? import, RecordField.DealerDate, dealer);
        InOrder(RecordField.DealerDate, dealer ?? distributor ?? import, RecordField.RetailDate, retail);
        var purchaser = Person(raw, RecordField.PurchaserName, RecordField.PurchaserDob, RecordField.PurchaserAddress, RecordField.PurchaserId, retail, RecordField.RetailDate);
        var report = TextValue.Tidy(raw[RecordField.MultipleSaleReport]);
        if (retail is null && (purchaser is not null || report is not null) && !raw.Has(RecordField.RetailDate))
        {
            _errors.Add(RecordField.RetailDate, purchaser is not null ? "required when a purchaser is named" : "required with a multiple-sale report");
        }

        return new FirearmTransaction
        {
            Firearm = firearm,
            TransactionId = TextValue.Tidy(raw[RecordField.TransactionId]),
            ImportDate = import,
            Distributor = TextValue.Tidy(raw[RecordField.Distributor]),
            DistributorDate = distributor,
            Dealer = TextValue.Tidy(raw[RecordField.Dealer]),
            DealerFfl = Optional(raw, RecordField.DealerFfl, Identifiers.Ffl),
            DealerDate = dealer,
            RetailDate = retail,
            Purchaser = purchaser,
            MultipleSaleReport = report,
        };
    }

    private Recovery Recovery(RawRecord raw, bool placeRequired)
    {
        var date = Date(raw, RecordField.RecoveryDate, required: true);
        var country = Optional(raw, RecordField.RecoveryCountry, _places.Country);
        string? state = null;
        if (raw.Has(RecordField.RecoveryState) && (country is not null || !raw.Has(RecordField.RecoveryCountry)))
        {
            _errors.Check(RecordField.RecoveryState, _places.State(raw[RecordField.RecoveryState], country, out state));
            country ??= state?[..2];
        }
        else if (placeRequired && !raw.Has(RecordField.RecoveryState) && !raw.Has(RecordField.RecoveryCountry))
        {
            _errors.Add(RecordField.RecoveryState, "required: the state (or at least the country) where the firearm was seized");
        }

        return new Recovery(date, new Place(country, state, TextValue.Tidy(raw[RecordField.RecoveryLocality])));
    }

    private DateOnly? Date(RawRecord raw, RecordField field, bool required)
    {
        var text = raw[field];
        if (text.IsEmpty)
        {
            if (required)
            {
                _errors.Add(field, "required");
            }

            return null;
        }

        if (!_errors.Check(field, DateReader.Read(text, _options.Locale, _tables.Months, out var date)))
        {
            return null;
        }

        if (date > _today)
        {
            _errors.Add(field, $"{date:yyyy-MM-dd} is in the future");
            return null;
        }

        return date;
    }

    private void InOrder(RecordField earlierField, DateOnly? earlier, RecordField laterField, DateOnly? later)
    {
        if (earlier is { } e && later is { } l && l < e)
        {
            _errors.Add(laterField, $"{l:yyyy-MM-dd} is before the {RecordFields.Name(earlierField)} {e:yyyy-MM-dd}");
        }
    }

    private PersonRecord? Person(RawRecord raw, RecordField name, RecordField dob, RecordField address, RecordField id, DateOnly? eventDate, RecordField eventField)
    {
        if (!raw.Has(name) && !raw.Has(dob) && !raw.Has(address) && !raw.Has(id))
        {
            return null;
        }

        var born = Date(raw, dob, required: false);
        if (born is { } b && eventDate is { } when && b >= when)
        {
            _errors.Add(dob, $"{b:yyyy-MM-dd} is not before the {RecordFields.Name(eventField)} {when:yyyy-MM-dd}");
        }

        return new PersonRecord(TextValue.Tidy(raw[name]), born, TextValue.Tidy(raw[address]), TextValue.Tidy(raw[id]));
    }

    private TracePriority Priority(RawRecord raw)
    {
        var text = raw[RecordField.Priority];
        if (text.IsEmpty)
        {
            return TracePriority.Routine;
        }

        if (_tables.Words.TryFind(text, out var word) && (word & (WordMeaning.Routine | WordMeaning.Urgent)) != 0)
        {
            return (word & WordMeaning.Urgent) != 0 ? TracePriority.Urgent : TracePriority.Routine;
        }

        _errors.Add(RecordField.Priority, $"'{text}' is neither routine nor urgent");
        return TracePriority.Routine;
    }

    private delegate string? Validator(ReadOnlySpan<char> text, out string? value);

    private string? Optional(RawRecord raw, RecordField field, Validator validate)
    {
        var text = raw[field];
        if (text.IsEmpty)
        {
            return null;
        }

        return _errors.Check(field, validate(text, out var value)) ? value : null;
    }

    private static IReadOnlyList<string> List(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return [];
        }

        var items = new List<string>();
        foreach (var range in text.SplitAny(ListSeparators))
        {
            if (TextValue.Tidy(text[range]) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }
}
