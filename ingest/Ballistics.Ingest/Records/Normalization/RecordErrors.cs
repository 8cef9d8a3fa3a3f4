using Ballistics.Ingest.Records.Reading;

namespace Ballistics.Ingest.Records.Normalization;

/// <summary>
/// The problems of the record being normalised, and its warnings (what was resolved or kept with a doubt a reader should
/// know of, which does not reject the record); no list is made for a record without any.
/// </summary>
internal sealed class RecordErrors
{
    private List<FieldError>? _list;
    private List<FieldError>? _warnings;

    public bool Any => _list is { Count: > 0 };

    public void Start(List<FieldError>? fromReader) => _list = fromReader;

    public void Add(RecordField field, string reason) => (_list ??= []).Add(new FieldError(RecordFields.Name(field), reason));

    public void Warn(RecordField field, string reason) => (_warnings ??= []).Add(new FieldError(RecordFields.Name(field), reason));

    /// <summary>Adds <paramref name="reason"/> when there is one; true when the value was good.</summary>
    public bool Check(RecordField field, string? reason)
    {
        if (reason is null)
        {
            return true;
        }

        Add(field, reason);
        return false;
    }

    /// <summary>The list for the result; the next record starts a new one.</summary>
    public IReadOnlyList<FieldError> Take()
    {
        IReadOnlyList<FieldError> list = _list ?? (IReadOnlyList<FieldError>)[];
        _list = null;
        return list;
    }

    /// <summary>The warnings for the result; the next record starts without any.</summary>
    public IReadOnlyList<FieldError> TakeWarnings()
    {
        IReadOnlyList<FieldError> list = _warnings ?? (IReadOnlyList<FieldError>)[];
        _warnings = null;
        return list;
    }
}
