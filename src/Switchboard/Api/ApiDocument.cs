using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Switchboard.Core.Users;

namespace Switchboard.Web.Api;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) beyond what the endpoints' signatures declare: the bearer
/// scheme and its 401 on every operation that needs it, the Location header of 201/202 answers, the
/// 400 every JSON body can earn, and the properties of the user bodies (read from the field table).
/// </summary>
public static class ApiDocument
{
    public const string Route = "/openapi/{documentName}.json";
    public const string BearerScheme = Auth.BearerTokenHandler.SchemeName;

    public static void AddSwitchboardOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        // A page of T is named "TPage" (not "PageOfOfT").
        o.CreateSchemaReferenceId = t => t.Type.IsGenericType && t.Type.GetGenericTypeDefinition() == typeof(PageOf<>)
            ? t.Type.GetGenericArguments()[0].Name + "Page"
            : OpenApiOptions.CreateDefaultSchemaReferenceId(t);
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Switchboard API",
                Version = "v1",
                Description = "Administration of a hosted multi-tenant PBX. Sign in with POST /api/v1/auth/token and send " +
                              "the token as \"Authorization: Bearer <token>\". Errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A token from POST /api/v1/auth/token.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem("No valid bearer token.", "ProblemDetails", context.Document));
            }
            if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
                operation.Responses?.TryAdd("400", Problem("The body does not match its schema (the errors name each property).",
                    "HttpValidationProblemDetails", context.Document));
            if (metadata.OfType<MultipartFile>().FirstOrDefault() is { } file)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { file.Field },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    [file.Field] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = file.Description },
                                },
                            },
                        },
                    },
                };
            foreach (var (status, response) in operation.Responses ?? [])
                if (status is "201" or "202" && response is OpenApiResponse r)
                {
                    r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    r.Headers["Location"] = new OpenApiHeader
                    {
                        Description = status == "201" ? "Where the new resource is." : "Where to follow the job's progress.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                    };
                }
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            // Times are written by UtcTimes, a converter the schema exporter cannot see through: say what it writes.
            if (context.JsonTypeInfo.Type == typeof(DateTime) || context.JsonTypeInfo.Type == typeof(DateTime?))
            {
                schema.Type = JsonSchemaType.String | (context.JsonTypeInfo.Type == typeof(DateTime?) ? JsonSchemaType.Null : default);
                schema.Format = "date-time";
            }
            if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(IUserFieldSet)) && !context.JsonTypeInfo.Type.IsInterface)
                Describe(schema, (IUserFieldSet)Activator.CreateInstance(context.JsonTypeInfo.Type)!);
            return Task.CompletedTask;
        });
    });

    /// <summary>
    /// Declares the file field of an endpoint that reads its multipart body itself (streaming it).
    /// Not Accepts(): routing would then answer a body of another type 415 before the endpoint can
    /// say what to send.
    /// </summary>
    public static RouteHandlerBuilder AcceptsMultipartFile(this RouteHandlerBuilder builder, string field, string description) =>
        builder.WithMetadata(new MultipartFile(field, description));

    private sealed record MultipartFile(string Field, string Description);

    private static OpenApiResponse Problem(string description, string schema, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };

    /// <summary>A user body's schema: its fields with their JSON types, as the field table gives them.</summary>
    private static void Describe(OpenApiSchema schema, IUserFieldSet set)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Properties = new Dictionary<string, IOpenApiSchema>();
        schema.Required = new HashSet<string>(set.Required.Select(c => c.JsonName()));
        if (set.HasClientId)
            schema.Properties["clientId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer | JsonSchemaType.Null,
                Format = "int32",
                Description = "The user's client. Client administrators may leave it out (their own client).",
            };
        if (set.HasCurrentPassword)
            schema.Properties[Switchboard.Core.Accounts.CurrentPassword.Field] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                WriteOnly = true,
                Description = "Your current web password: required with a new webPassword.",
            };
        foreach (var c in set.Columns)
        {
            var required = set.Required.Contains(c);
            schema.Properties[c.JsonName()] = new OpenApiSchema
            {
                Type = Type(c.Kind()) | (required ? default : JsonSchemaType.Null),
                Format = c.Kind() == JsonKind.Integer ? "int32" : null,
                WriteOnly = c == UserColumn.WebPassword,
                Description = $"users.csv column \"{c.Header()}\"." + (required ? "" : " Absent: unchanged; null or \"\": empty."),
            };
        }
    }

    private static JsonSchemaType Type(JsonKind kind) => kind switch
    {
        JsonKind.Integer => JsonSchemaType.Integer,
        JsonKind.Boolean => JsonSchemaType.Boolean,
        _ => JsonSchemaType.String,
    };
}
