using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Api.Auth;

/// <summary>Describes the bearer token in the OpenAPI document, so clients generated from it send one.</summary>
internal static class OpenApiBearerScheme
{
    public const string Name = "Bearer";

    /// <summary>Declares an HTTP bearer scheme (an Open edX JWT) and requires it document-wide; the anonymous
    /// ops endpoints are not in the document.</summary>
    public static OpenApiOptions AddBearerSecurityScheme(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An Open edX JWT (HS256): preferred_username, administrator, scopes.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] }];
            return Task.CompletedTask;
        });
}
