using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Ballistics.Api.Evidence;
using Ballistics.Engine.Rendering;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Images;
using Ballistics.Ingest.X3p;
using Ballistics.Testing;
using Microsoft.AspNetCore.Mvc;
using OpenCvSharp;

namespace Ballistics.Api.Tests;

/// <summary>Photographs (PNG, TIFF) submitted as evidence: stored as 2D items with their pixel size, searched among photographs, bad images refused.</summary>
[TestFixture]
public sealed class PhotographEvidenceTests
{
    private static readonly Uri Evidence = new("/v1/evidence", UriKind.Relative);

    /// <summary>A shared processed scan photographed under a ring light, 8-bit at 5 µm a pixel.</summary>
    private static Mat Photograph(string scan)
    {
        var surface = X3pReader.Read(SharedData.X3p($"cartridge/{scan}.x3p")).Value;
        using var radiance = PhotographRendering.Radiance(surface, LightingModel.Typical(ImageLighting.Ring), 5);
        Cv2.Normalize(radiance, radiance, 0, 1, NormTypes.MinMax);
        var photo = new Mat();
        radiance.ConvertTo(photo, MatType.CV_8UC1, 255);
        return photo;
    }

    private static async Task<(HttpStatusCode Status, EvidenceWithLeads? Body, ProblemDetails? Problem)> Post(ApiFactory factory, byte[] bytes, string fileName, string metadata)
    {
        using var lab = factory.Client("lab");
        using var upload = EvidenceApiTests.Upload("photo", metadata, bytes, fileName);
        using var response = await lab.PostAsync(Evidence, upload);
        return response.IsSuccessStatusCode
            ? (response.StatusCode, await response.Content.ReadFromJsonAsync<EvidenceWithLeads>(ApiFactory.Json), null)
            : (response.StatusCode, null, await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json));
    }

    [Test]
    public async Task Submit_PhotographsWithPixelSize_StoredAs2dAndSearchedAmongPhotographsOnly()
    {
        await using var factory = new ApiFactory();
        await EvidenceApiTests.Submit(factory.Client("lab"), "fadul_1-1_processed", "{}");
        using var first = Photograph("fadul_1-1_processed");
        using var second = Photograph("fadul_1-2_processed");
        Cv2.ImEncode(".png", first, out var withoutPhys);

        var stated = await Post(factory, withoutPhys, "fadul_1-1.png", """{"pixel_size_um": 5, "lighting": "ring"}""");
        var fromFile = await Post(factory, ImageWriter.Tiff(second, 5), "fadul_1-2.tif", "{}");

        Assert.That(stated.Status, Is.EqualTo(HttpStatusCode.Created), stated.Problem?.Detail);
        Assert.That(stated.Body!.Evidence.Modality, Is.EqualTo("2d"));
        Assert.That(stated.Body.Evidence.PixelSizeUm, Is.EqualTo(5));
        Assert.That(stated.Body.Evidence.Lighting, Is.EqualTo("ring"));
        Assert.That(stated.Body.Search!.Modality, Is.EqualTo("2d"));
        Assert.That(stated.Body.Leads, Is.Empty, "a scan on file is never a photograph's lead");
        Assert.That(fromFile.Status, Is.EqualTo(HttpStatusCode.Created), fromFile.Problem?.Detail);
        Assert.That(fromFile.Body!.Evidence.PixelSizeUm, Is.Null, "the file stated it");
        Assert.That(fromFile.Body.Leads.Select(l => (l.CandidateExhibitId, l.Modality)), Is.EqualTo(new[] { ("fadul_1-1", "2d") }));
    }

    [Test]
    public async Task SearchPhotographs_Topography_LeadsAmongPhotographsOfItsLightStoredAndDiagnosed()
    {
        await using var factory = new ApiFactory();
        using var lab = factory.Client("lab");
        var scan = await EvidenceApiTests.Submit(lab, "fadul_1-1_processed", "{}");
        using var mate = Photograph("fadul_1-2_processed");
        using var other = Photograph("baldwin_K013sA1_processed");
        await Post(factory, ImageWriter.Png(mate, 5), "fadul_1-2.png", """{"lighting": "ring"}""");
        await Post(factory, ImageWriter.Png(other, 5), "baldwin.png", "{}");
        await Post(factory, ImageWriter.Png(mate, 5), "side.png", """{"lighting": "side", "exhibit_id": "side-lit"}""");
        using var examiner = factory.Client("examiner");

        using var response = await examiner.PostAsync($"/v1/evidence/{scan.Evidence.Id}/photograph-search?lighting=ring", null);
        var body = await response.Content.ReadFromJsonAsync<EvidenceWithLeads>(ApiFactory.Json);
        var all = await examiner.GetFromJsonAsync<LeadView[]>($"/v1/evidence/{scan.Evidence.Id}/leads", ApiFactory.Json);
        var view = await examiner.GetFromJsonAsync<Ballistics.Api.Review.DiagnosticsView>($"/v1/leads/{body!.Leads[0].Id}/diagnostics", ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Search!.Modality, Is.EqualTo("3d-2d"));
        Assert.That(body.Leads.Select(l => (l.CandidateExhibitId, l.Modality)), Is.EqualTo(new[] { ("fadul_1-2", "2d"), ("baldwin", "2d") }), "the mate first; the side-lit photograph is not among a ring-lit rendering's candidates");
        Assert.That(all!.Select(l => l.Id), Is.SupersetOf(body.Leads.Select(l => l.Id)), "stored with the item's own leads");
        Assert.That(view!.SameAsStored, Is.True, $"the diagnostics render the scan as the search did: {view.Stored} against {view.Recomputed}");
        Assert.That(view.Images.Select(i => i.Name), Is.EqualTo(Engine.Diagnostics.ComparisonDiagnostics.ImageNames), "a rendered scan is drawn as compared, not over its heights");
        Assert.That(factory.Audit().Select(a => a.Event.Detail), Has.Some.EqualTo($"item {scan.Evidence.Id} searched among photographs under ring light: 2 leads stored"));
    }

    [TestCase("photograph", "id")]
    [TestCase("lighting", "lighting")]
    public async Task SearchPhotographs_PhotographOrUnknownLight_BadRequestNamingTheField(string fault, string field)
    {
        await using var factory = new ApiFactory();
        using var photo = Photograph("fadul_1-1_processed");
        var posted = fault == "photograph"
            ? (await Post(factory, ImageWriter.Png(photo, 5), "photo.png", "{}")).Body!
            : await EvidenceApiTests.Submit(factory.Client("lab"), "fadul_1-1_processed", "{}");
        using var lab = factory.Client("lab");

        using var response = await lab.PostAsync($"/v1/evidence/{posted.Evidence.Id}/photograph-search?lighting={(fault == "lighting" ? "strobe" : "ring")}", null);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiFactory.Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo(field));
    }

    [Test]
    public async Task Submit_PhotographWithoutPixelSize_BadRequestSayingWhatToGiveAndNothingStored()
    {
        await using var factory = new ApiFactory();
        using var photo = Photograph("fadul_1-1_processed");
        Cv2.ImEncode(".png", photo, out var png);

        var (status, _, problem) = await Post(factory, png, "bare.png", "{}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Detail, Does.Contain("pixel_size_um"));
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.Zero);
    }

    [TestCase("truncated")]
    [TestCase("no pixels")]
    [TestCase("50000 squared")]
    [TestCase("resolution unit")]
    [TestCase("animated")]
    [TestCase("pages")]
    [TestCase("not an image")]
    public async Task Submit_BadImage_BadRequestNamingTheFileAndNothingStored(string fault)
    {
        await using var factory = new ApiFactory();
        using var photo = Photograph("fadul_1-1_processed");
        var (bytes, name) = Faulty(photo, fault);

        var (status, _, problem) = await Post(factory, bytes, name, "{}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem?.Detail);
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo("file"));
        Assert.That(factory.WithStore(s => s.Scans.Count), Is.Zero);
        Assert.That(factory.Audit().Single().Event.Outcome, Is.EqualTo("rejected"));
    }

    [Test]
    public async Task Submit_PixelSizeNotANumber_BadRequestNamingTheMetadataField()
    {
        await using var factory = new ApiFactory();
        using var photo = Photograph("fadul_1-1_processed");

        var (status, _, problem) = await Post(factory, ImageWriter.Png(photo, 5), "photo.png", """{"pixel_size_um": "five"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Extensions["field"]?.ToString(), Is.EqualTo("metadata.pixel_size_um"));
    }

    /// <summary>An image broken the way <paramref name="fault"/> names, and the name it is uploaded under.</summary>
    private static (byte[] Bytes, string Name) Faulty(Mat photo, string fault)
    {
        var png = ImageWriter.Png(photo, 5);
        switch (fault)
        {
            case "truncated":
                return (png[..(png.Length / 2)], "cut.png");
            case "no pixels":
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 0);
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 0);
                return (png, "empty.png");
            case "50000 squared":
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 50_000);
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 50_000);
                return (png, "huge.png");
            case "resolution unit":
                var tiff = ImageWriter.Tiff(photo, 5);
                TiffBytes.SetShort(tiff, tag: 296, value: 1);
                return (tiff, "unitless.tif");
            case "animated":
                // An acTL chunk (two frames) straight after IHDR: length, type, frames, plays, and a CRC the header's reader does not need.
                var chunk = new byte[20];
                BinaryPrimitives.WriteUInt32BigEndian(chunk, 8);
                "acTL"u8.CopyTo(chunk.AsSpan(4));
                BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), 2);
                return ([.. png[..33], .. chunk, .. png[33..]], "animated.png");
            case "pages":
                using (var dir = new TempDirectory())
                {
                    var path = dir.File("pages.tif");
                    Cv2.ImWrite(path, new[] { photo, photo });
                    return (File.ReadAllBytes(path), "pages.tif");
                }

            default:
                return ("just text"u8.ToArray(), "notes.txt");
        }
    }
}
