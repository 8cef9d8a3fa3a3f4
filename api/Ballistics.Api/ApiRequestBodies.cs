using Ballistics.Ingest.Records;
using Microsoft.OpenApi;

namespace Ballistics.Api;

/// <summary>
/// The request bodies of the endpoints that read their body themselves (a record in any of its field names, a scan
/// upload), and the headers an endpoint reads itself (an investigator's case statement), declared for the OpenAPI
/// document so that a generated client can send them.
/// </summary>
internal static class ApiRequestBodies
{
    /// <summary>The case number and purpose an investigator states for every trace and linkage they read (the audit log keeps both).</summary>
    public static TBuilder WithCaseStatement<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description) in new[]
            {
                (Access.AuditMiddleware.CaseNumberHeader, "The case this request serves: required of investigators (400 without it), recorded in the audit log."),
                (Access.AuditMiddleware.PurposeHeader, "Why the record is read: required of investigators (400 without it), recorded in the audit log."),
            })
            {
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }

            return Task.CompletedTask;
        });

    /// <summary>A record of <paramref name="kind"/> as one JSON object: its canonical fields, each a string; aliases (English or Spanish) are read as well.</summary>
    public static TBuilder WithRecordBody<TBuilder>(this TBuilder builder, RecordKind kind)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"One {kind.ToString().ToLowerInvariant()} record. Each field is read by its canonical name or any alias a record file may use (English or Spanish, e.g. \"serie\" for serial); dates as the record files write them.",
                AdditionalPropertiesAllowed = true,
                Properties = RecordSchema.FieldNames(kind).ToDictionary(name => name, IOpenApiSchema (_) => new OpenApiSchema { Type = JsonSchemaType.String }),
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
            return Task.CompletedTask;
        });

    /// <summary>A scan upload: part <c>file</c> (the x3p) and part <c>metadata</c> (a JSON object of the item's metadata).</summary>
    public static TBuilder WithUploadBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file", "metadata" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The scan, an x3p file." },
                    ["metadata"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "A JSON object: kind (evidence or test_fire), exhibit_id, incident_id, firearm_id, caliber, date, country, mx_state or us_state, and the like.",
                    },
                },
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = schema,
                        Encoding = new Dictionary<string, OpenApiEncoding> { ["metadata"] = new() { ContentType = "application/json" } },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
