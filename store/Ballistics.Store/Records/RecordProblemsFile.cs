using Ballistics.Ingest.Records.Normalization;
using Ballistics.Ingest.Tables;

namespace Ballistics.Store.Records;

/// <summary>
/// Record problems of one ingest as CSV, one row per problem: <c>file,line,field,reason</c> — the rejects' errors in one
/// file, the kept records' warnings in another. Written to a temporary file and moved into place when complete, so a
/// reader never sees half a file.
/// </summary>
internal sealed class RecordProblemsFile : IDisposable
{
    public const string Header = "file,line,field,reason";

    private readonly string _path;
    private readonly string _partial;
    private readonly StreamWriter _writer;
    private bool _completed;

    public RecordProblemsFile(string path)
    {
        _path = Path.GetFullPath(path);

        // Found out now, not when the file is moved into place after every record is stored (named as the user knows it: --rejects).
        if (Directory.Exists(_path))
        {
            throw new IOException($"rejects file {_path} is a folder");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _partial = _path + ".partial";
        _writer = new StreamWriter(_partial, append: false, CsvText.Utf8) { NewLine = "\n" };
        _writer.WriteLine(Header);
    }

    public void Write(RecordResult rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        Write(rejected.Source, rejected.Line, rejected.Errors);
    }

    public void Write(string source, int line, IReadOnlyList<FieldError> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            _writer.Write(CsvText.Field(source));
            _writer.Write(',');
            _writer.Write(line);
            _writer.Write(',');
            _writer.Write(CsvText.Field(problem.Field));
            _writer.Write(',');
            _writer.WriteLine(CsvText.Field(problem.Reason));
        }
    }

    /// <summary>Closes the file and puts it in place of any earlier one.</summary>
    public void Complete()
    {
        _writer.Dispose();
        File.Move(_partial, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (!_completed)
        {
            File.Delete(_partial);
        }
    }
}
