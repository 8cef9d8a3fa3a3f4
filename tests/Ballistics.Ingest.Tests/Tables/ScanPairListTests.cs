using Ballistics.Ingest.Tables;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.Tables;

[TestFixture]
public sealed class ScanPairListTests
{
    [Test]
    public void Read_RelativePathsAndExtraColumns_ResolvedAgainstTheListFolder()
    {
        using var dir = new TempDirectory();
        var list = dir.File("pairs.csv");
        File.WriteAllText(list, "a,b,note\nscans/x.x3p,scans/y.x3p,first\n\"scans/with, comma.x3p\",/abs/z.x3p,second\n");

        var result = ScanPairList.Read(list);

        Assert.That(result.Success, Is.True);
        var pairs = result.Value.Pairs;
        Assert.That(pairs, Has.Count.EqualTo(2));
        Assert.That(pairs[0].PathA, Is.EqualTo(Path.Combine(dir.Path, "scans", "x.x3p")));
        Assert.That(pairs[1].A, Is.EqualTo("scans/with, comma.x3p"));
        Assert.That(pairs[1].PathB, Is.EqualTo("/abs/z.x3p"));
        Assert.That(pairs[1].Line, Is.EqualTo(3));
    }

    [Test]
    public void Read_EmptyField_ReportedWithLineAndFieldOthersKept()
    {
        using var dir = new TempDirectory();
        var list = dir.File("pairs.csv");
        File.WriteAllText(list, "a,b\nx.x3p,y.x3p\nx.x3p,\nu.x3p,v.x3p\n");

        var result = ScanPairList.Read(list);

        Assert.That(result.Value.Pairs, Has.Count.EqualTo(2));
        Assert.That(result.Value.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Value.Errors[0].ToString(), Does.Contain("pairs.csv").And.Contain("line 3, field b"));
    }

    [Test]
    public void Read_MissingColumn_FailsNamingHeader()
    {
        using var dir = new TempDirectory();
        var list = dir.File("pairs.csv");
        File.WriteAllText(list, "first,second\nx,y\n");

        var result = ScanPairList.Read(list);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.MissingField));
        Assert.That(result.Error.ToString(), Does.Contain("line 1").And.Contain("a, b"));
    }

    [Test]
    public void Read_NoFile_NotFound()
    {
        var result = ScanPairList.Read("/nonexistent/pairs.csv");
        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.NotFound));
    }
}
