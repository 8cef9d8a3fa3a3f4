using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ballistics.Api.Access;

/// <summary>
/// What the OpenAPI document says of access, written where the keys are: the bearer-key scheme (<see cref="ApiKeyAuthentication"/>),
/// and on every operation whether it needs a key — so a generated client sends one where it must.
/// </summary>
internal static class ApiKeyOpenApi
{
    public const string SchemeId = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The API key a lab, investigator, analyst or administrator was given: `Authorization: Bearer KEY`.",
            };

            // The server as the request reached it, without the trailing slash linters refuse.
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Security ??= [];
            operation.Security.Add(metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any()
                ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }
                : new OpenApiSecurityRequirement()); // an empty requirement: no key needed, said rather than left out

            return Task.CompletedTask;
        });
    }
}
