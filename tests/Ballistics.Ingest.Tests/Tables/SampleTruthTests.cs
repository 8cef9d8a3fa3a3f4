using Ballistics.Ingest.Tables;
using Ballistics.Testing;

namespace Ballistics.Ingest.Tests.Tables;

[TestFixture]
public sealed class SampleTruthTests
{
    [Test]
    public void Read_GeneratorGroundTruth_GroupsAndAnglesByFullPath()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ground_truth.csv");
        File.WriteAllText(path, "file,group,rotation_deg,translation_x_um,translation_y_um,lateral_step_um,width,height,instrument,drag_mark,partial_contact\n"
            + "scans/F0001_fire01.x3p,1,84.5902,66.836,46.290,6.13,813,800,\"Cadre, synthetic\",false,true\n"
            + "scans/F0002_fire01.x3p,,-12.5,0,0,6.13,813,800,x,false,false\n");

        var result = SampleTruth.Read(path);

        Assert.That(result.Value.Errors, Is.Empty);
        var first = result.Value.Entries[Path.Combine(dir.Path, "scans", "F0001_fire01.x3p")];
        Assert.That(first.Group, Is.EqualTo("1"));
        Assert.That(first.RotationDeg, Is.EqualTo(84.5902).Within(1e-9));
        var second = result.Value.Entries[Path.Combine(dir.Path, "scans", "F0002_fire01.x3p")];
        Assert.That(second.Group, Is.Null);
        Assert.That(second.RotationDeg, Is.EqualTo(-12.5).Within(1e-9));
    }

    [Test]
    public void Read_BadAngleAndEmptyFile_ReportedByLineAndField()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ground_truth.csv");
        File.WriteAllText(path, "file,group,rotation_deg\na.x3p,1,ten\n,2,5\nc.x3p,2,5\n");

        var result = SampleTruth.Read(path);

        Assert.That(result.Value.Entries.Keys.Select(Path.GetFileName), Is.EqualTo(new[] { "c.x3p" }));
        Assert.That(result.Value.Errors.Select(e => e.Location), Is.EqualTo(new[] { "line 2, field rotation_deg", "line 3, field file" }));
        Assert.That(result.Value.Errors[0].ToString(), Does.Contain("'ten' is not a number of degrees"));
    }

    [Test]
    public void Read_WeakContactColumns_SectorWhenGivenAndBadValueLocated()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ground_truth.csv");
        File.WriteAllText(path, "file,rotation_deg,weak_contact_centre_deg,weak_contact_half_width_deg,contact\n"
            + "a.x3p,5,120.5,90,0.5\nb.x3p,5,,,1\nc.x3p,5,12,wide,0.5\n");

        var result = SampleTruth.Read(path);

        Assert.That(result.Value.Entries[Path.Combine(dir.Path, "a.x3p")].WeakContact, Is.EqualTo(new WeakContactSector(120.5, 90)));
        Assert.That(result.Value.Entries[Path.Combine(dir.Path, "a.x3p")].Conditions!.Keys, Is.EqualTo(new[] { "contact" }), "the sector is how the scan was made, not a condition");
        Assert.That(result.Value.Entries[Path.Combine(dir.Path, "b.x3p")].WeakContact, Is.Null);
        Assert.That(result.Value.Errors.Select(e => e.Location), Is.EqualTo(new[] { "line 4, field weak_contact_half_width_deg" }));
    }

    [Test]
    public void Read_FiringPinColumns_DescribeTheScanNotConditions()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ground_truth.csv");
        File.WriteAllText(path, "file,rotation_deg,firing_pin_shape,aperture_shear,dropout\na.x3p,5,elliptical,true,0.08\n");

        var result = SampleTruth.Read(path);

        Assert.That(result.Value.Entries[Path.Combine(dir.Path, "a.x3p")].Conditions!.Keys, Is.EqualTo(new[] { "dropout" }));
    }
}
