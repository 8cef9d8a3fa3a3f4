using Ballistics.Ingest.Records.Normalization;

namespace Ballistics.Ingest.Records.Reading;

/// <summary>
/// One record as read, before normalisation: the text of each canonical field and the problems the reader
/// itself found. Readers refill one instance per record and point into their own line buffers or into
/// this record's scratch space, so reading a field copies nothing.
/// </summary>
internal sealed class RawRecord
{
    private readonly ReadOnlyMemory<char>[] _values = new ReadOnlyMemory<char>[RecordFields.Count];
    private char[] _scratch = new char[1024];
    private int _scratchUsed;
    private List<FieldError>? _errors;

    public int Line { get; private set; }

    /// <summary>Problems found while reading; null when there were none (the common case allocates no list).</summary>
    public List<FieldError>? Errors => _errors;

    public void Reset(int line)
    {
        Line = line;
        Array.Clear(_values);
        _scratchUsed = 0;
        _errors = null;
    }

    public ReadOnlySpan<char> this[RecordField field] => _values[(int)field].Span;

    public bool Has(RecordField field) => !_values[(int)field].IsEmpty;

    /// <summary>Sets a field, trimmed; a second column naming the same field must agree with the first, or the record says so.</summary>
    public void Set(RecordField field, ReadOnlyMemory<char> value)
    {
        value = Trim(value);
        if (value.IsEmpty)
        {
            return;
        }

        ref var slot = ref _values[(int)field];
        if (!slot.IsEmpty)
        {
            if (!slot.Span.Equals(value.Span, StringComparison.OrdinalIgnoreCase))
            {
                AddError(RecordFields.Name(field), $"given twice with different values ('{slot}' and '{value}')");
            }

            return;
        }

        slot = value;
    }

    /// <summary>Space for a field value that has to be rebuilt (unescaped quotes, decoded JSON); valid until the next <see cref="Reset"/>.</summary>
    public Memory<char> Rent(int length)
    {
        if (_scratchUsed + length > _scratch.Length)
        {
            // Memory already handed out keeps the old array alive; only new values go to the new one.
            _scratch = new char[Math.Max(_scratch.Length * 2, length)];
            _scratchUsed = 0;
        }

        var memory = _scratch.AsMemory(_scratchUsed, length);
        _scratchUsed += length;
        return memory;
    }

    public void AddError(string field, string reason) => (_errors ??= []).Add(new FieldError(field, reason));

    private static ReadOnlyMemory<char> Trim(ReadOnlyMemory<char> value)
    {
        var span = value.Span;
        var start = 0;
        while (start < span.Length && (char.IsWhiteSpace(span[start]) || span[start] == '\uFEFF'))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && char.IsWhiteSpace(span[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }
}
