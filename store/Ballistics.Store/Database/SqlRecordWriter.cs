using System.Data.Common;
using System.Globalization;
using Ballistics.Ingest.Records;
using Ballistics.Store.Records;

namespace Ballistics.Store.Database;

/// <summary>
/// Stores records with prepared statements inside one transaction per batch. A record's rows and its
/// <c>record</c> row go in the same transaction, so a kill at any point leaves whole records or none.
/// </summary>
internal sealed class SqlRecordWriter : IRecordWriter
{
    private readonly DbConnection _connection;
    private readonly DbCommand _record;
    private readonly DbCommand _firearm;
    private readonly DbCommand _recovery;
    private readonly DbCommand _trace;
    private readonly DbCommand _evidence;
    private readonly DbCommand _sale;
    private readonly DbCommand _person;
    private readonly DbCommand[] _all;
    private readonly string _storedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
    private DbTransaction? _transaction;

    public SqlRecordWriter(DbConnection connection)
    {
        _connection = connection;
        _record = Insert("record", "ON CONFLICT (content_id) DO NOTHING RETURNING id", "content_id", "kind", "parts", "source", "line", "stored_at");
        _firearm = Insert("firearm", null, "record_id", "make", "make_code", "importer", "model", "model_key", "caliber", "caliber_code", "type_code", "serial_status", "serial", "serial_key", "country_of_origin", "other_markings");
        _recovery = Insert("recovery", null, "record_id", "incident_id", "agency", "ori", "case_number", "crime_code", "recovery_date", "country", "state_code", "locality");
        _trace = Insert("trace_request", null, "record_id", "trace_number", "requester_country", "priority");
        _evidence = Insert("seizure_evidence", null, "record_id", "position", "exhibit_id");
        _sale = Insert("sale", null, "record_id", "transaction_id", "import_date", "distributor", "distributor_date", "dealer", "dealer_ffl", "dealer_date", "retail_date", "multiple_sale_report");
        _person = Insert("person", null, "record_id", "role", "person_key", "name", "date_of_birth", "address", "identification");
        _all = [_record, _firearm, _recovery, _trace, _evidence, _sale, _person];
    }

    public bool TryAdd(FirearmRecord record, string contentId, string source, int line)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_transaction is null)
        {
            _transaction = _connection.BeginTransaction();
            foreach (var command in _all)
            {
                command.Transaction = _transaction;
            }
        }

        if (Run(_record, true, contentId, Kind(record.Kind), Parts(record), source, line, _storedAt) is not long id)
        {
            return false;
        }

        var f = record.Firearm;
        Run(_firearm, false, id, f.Make, f.MakeCode, f.Importer, f.Model, RecordKeys.Model(f.Model), f.Caliber, f.CaliberCode, f.TypeCode, f.Serial.Status.ToString().ToLowerInvariant(), f.Serial.Value, f.Serial.Key, f.CountryOfOrigin, f.OtherMarkings);
        switch (record)
        {
            case RecoveryRecord recovered:
                AddRecovery(id, recovered);
                break;
            case FirearmTransaction sale:
                Run(_sale, false, id, sale.TransactionId, Iso(sale.ImportDate), sale.Distributor, Iso(sale.DistributorDate), sale.Dealer, sale.DealerFfl, Iso(sale.DealerDate), Iso(sale.RetailDate), sale.MultipleSaleReport);
                AddPerson(id, "purchaser", sale.Purchaser);
                break;
        }

        return true;
    }

    /// <summary>The open batch's transaction (null before the first record): what else must commit with it joins it.</summary>
    internal DbTransaction? Transaction => _transaction;

    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Dispose()
    {
        // An uncommitted batch is rolled back here: the store keeps only what was committed.
        _transaction?.Dispose();
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    /// <summary>The rows a record owns across the tables, written beside it for the completeness check.</summary>
    internal static int Parts(FirearmRecord record) => 1 + record switch
    {
        TraceRequest t => 2 + (t.Possessor is null ? 0 : 1),
        SeizureRecord s => 1 + s.CartridgeCases.Count + (s.Possessor is null ? 0 : 1),
        FirearmTransaction x => 1 + (x.Purchaser is null ? 0 : 1),
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.Kind, "unknown record kind"),
    };

    internal static string Kind(RecordKind kind) => kind switch
    {
        RecordKind.Trace => "trace",
        RecordKind.Seizure => "seizure",
        _ => "transaction",
    };

    private void AddRecovery(long id, RecoveryRecord r)
    {
        var place = r.Recovery.Place;
        Run(_recovery, false, id, r.IncidentId, r.Agency, r.Ori, r.CaseNumber, r.CrimeCode, Iso(r.Recovery.Date), place.Country, place.StateCode, place.Locality);
        if (r is TraceRequest trace)
        {
            Run(_trace, false, id, trace.TraceNumber, trace.RequesterCountry, trace.Priority.ToString().ToLowerInvariant());
        }
        else if (r is SeizureRecord seizure)
        {
            for (var i = 0; i < seizure.CartridgeCases.Count; i++)
            {
                Run(_evidence, false, id, i, seizure.CartridgeCases[i]);
            }
        }

        AddPerson(id, "possessor", r.Possessor);
    }

    private void AddPerson(long id, string role, PersonRecord? person)
    {
        if (person is not null)
        {
            Run(_person, false, id, role, RecordKeys.Person(person), person.Name, Iso(person.DateOfBirth), person.Address, person.Identification);
        }
    }

    /// <summary>
    /// An INSERT of <paramref name="columns"/> into <paramref name="table"/> with one parameter per column, in
    /// that order: the column list is written once, so the SQL and the positional values of <see cref="Run"/>
    /// cannot drift apart.
    /// </summary>
    private DbCommand Insert(string table, string? suffix, params string[] columns)
    {
        var command = _connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}){(suffix is null ? "" : " " + suffix)}";
        foreach (var column in columns)
        {
            command.With("@" + column, null);
        }

        return command;
    }

    private static object? Run(DbCommand command, bool scalar, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        if (scalar)
        {
            return command.ExecuteScalar();
        }

        command.ExecuteNonQuery();
        return null;
    }

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
