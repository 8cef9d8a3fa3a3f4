using Ballistics.Ingest.Records;
using Ballistics.Ingest.Records.Normalization;
using Ballistics.Store.Records;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture]
public sealed class RecordProblemsFileTests
{
    private static readonly RecordResult Rejected = new(
        "in, with comma.csv",
        7,
        RecordKind.Trace,
        [new FieldError("make", "'Acme, Inc.' is not a known maker"), new FieldError("recovery_date", "required")],
        new FirearmDescription(),
        null,
        null);

    [Test]
    public void Complete_ProblemsWithCommas_OneQuotedRowPerProblem()
    {
        using var dir = new TempDirectory();
        using (var rejects = new RecordProblemsFile(dir.File("out/rejects.csv")))
        {
            rejects.Write(Rejected);
            rejects.Complete();
        }

        Assert.That(File.ReadAllLines(dir.File("out/rejects.csv")), Is.EqualTo(new[]
        {
            "file,line,field,reason",
            "\"in, with comma.csv\",7,make,\"'Acme, Inc.' is not a known maker\"",
            "\"in, with comma.csv\",7,recovery_date,required",
        }));
        Assert.That(File.Exists(dir.File("out/rejects.csv.partial")), Is.False);
    }

    [Test]
    public void Dispose_WithoutComplete_EarlierFileKeptAndPartialRemoved()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("rejects.csv"), "earlier run\n");
        using (var rejects = new RecordProblemsFile(dir.File("rejects.csv")))
        {
            rejects.Write(Rejected);
        }

        Assert.That(File.ReadAllText(dir.File("rejects.csv")), Is.EqualTo("earlier run\n"));
        Assert.That(File.Exists(dir.File("rejects.csv.partial")), Is.False);
    }
}
