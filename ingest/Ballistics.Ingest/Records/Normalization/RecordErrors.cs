using Ballistics.Ingest.Records.Reading;

namespace Ballistics.Ingest.Records.Normalization;

/// <summary>The problems of the record being normalised; no list is made for a record without any.</summary>
internal sealed class RecordErrors
{
    private List<FieldError>? _list;

    public bool Any => _list is { Count: > 0 };

    public void Start(List<FieldError>? fromReader) => _list = fromReader;

    public void Add(RecordField field, string reason) => (_list ??= []).Add(new FieldError(RecordFields.Name(field), reason));

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
}
