using Ballistics.Engine.Corpus;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class Int8DotTests
{
    [TestCase(32)]
    [TestCase(512)]
    [TestCase(2976)]
    public void Dot_RandomCodes_VectorAgreesWithScalarAndReference(int length)
    {
        var random = new Random(41);
        for (var trial = 0; trial < 20; trial++)
        {
            var a = new sbyte[length];
            var b = new sbyte[length];
            for (var i = 0; i < length; i++)
            {
                a[i] = (sbyte)random.Next(-127, 128);
                b[i] = (sbyte)random.Next(-127, 128);
            }

            long reference = 0;
            for (var i = 0; i < length; i++)
            {
                reference += a[i] * b[i];
            }

            Assert.That(Int8Dot.Dot(a, b, useVectors: false), Is.EqualTo(reference));
            Assert.That(Int8Dot.Dot(a, b, useVectors: true), Is.EqualTo(reference));
        }
    }

    [Test]
    public void Dot_ExtremeCodes_NoSaturation()
    {
        // Every pair at ±127·±127: the int16 pair sums reach 32 258, the most the kernel may hold.
        var a = Enumerable.Repeat((sbyte)-127, 64).ToArray();
        var b = Enumerable.Range(0, 64).Select(i => (sbyte)(i % 3 == 0 ? 127 : -127)).ToArray();
        var expected = Enumerable.Range(0, 64).Sum(i => a[i] * b[i]);

        Assert.That(Int8Dot.Dot(a, b, useVectors: true), Is.EqualTo(expected));
        Assert.That(Int8Dot.Dot(a, a, useVectors: true), Is.EqualTo(64 * 127 * 127));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Dot_CodeShorterThanTheQuery_Refused(bool useVectors)
    {
        var query = new sbyte[64];
        var code = new sbyte[32];

        Assert.That(() => Int8Dot.Dot(query, code, useVectors), Throws.ArgumentException.With.Message.Contains("32 bytes"));
    }
}
