using Ballistics.Intelligence.Trafficking;

namespace Ballistics.Intelligence.Tests.Trafficking;

[TestFixture]
public sealed class LicenceDistrictsTests
{
    [TestCase("5-74-029-01-2C-04112", "US-TX")]
    [TestCase("5-76-201-01-2C-00001", "US-TX")]
    [TestCase("9-86-013-01-4D-02290", "US-AZ")]
    [TestCase("9-33-019-01-1B-05530", "US-CA")]
    [TestCase("1-59-043-07-5C-12345", "US-FL")]
    [TestCase("8-23-091-01-7F-14245", "US-PA")]
    [TestCase("5-07-029-01-2C-04112", null)]
    [TestCase("574029012C04112", null)]
    [TestCase(null, null)]
    public void StateOf_Licence_StateOfItsDistrict(string? licence, string? state) =>
        Assert.That(LicenceDistricts.StateOf(licence), Is.EqualTo(state));
}
