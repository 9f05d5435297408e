using System.Net;
using System.Text.Json;
using Actors.Api.Auth;
using Actors.Api.ErrorHandling;
using Actors.Api.Tests.Infrastructure;
using Orleans.Runtime;
using Orleans.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.ErrorHandling;

/// <summary>Orleans exceptions reaching the HTTP edge, through a grain factory whose management grain throws.</summary>
public sealed class ApiExceptionHandlerTests
{
    public static TheoryData<string, HttpStatusCode> RuntimeFailures => new()
    {
        { nameof(TimeoutException), HttpStatusCode.GatewayTimeout },
        { nameof(SiloUnavailableException), HttpStatusCode.ServiceUnavailable },
        { nameof(InconsistentStateException), HttpStatusCode.Conflict },
        { nameof(InvalidOperationException), HttpStatusCode.InternalServerError },
    };

    [Theory]
    [MemberData(nameof(RuntimeFailures))]
    public async Task GrainCall_Throws_AnswersProblemDetailsWithMappedStatus(string exceptionType, HttpStatusCode status)
    {
        await using var app = new ApiApplication(services => services.AddSingleton(FakeManagementGrain.Throwing(Create(exceptionType))));

        var response = await app.CreateAdministratorClient().GetAsync("/admin/api/silos");

        var problem = await Problem.AssertAsync(response, status);
        var body = problem.GetRawText();
        Assert.DoesNotContain("secret detail", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task GrainCall_ThrowsInDevelopment_StillAnswersWithoutDetails()
    {
        await using var app = new ApiApplication(services => services.AddSingleton(FakeManagementGrain.Throwing(new InvalidOperationException("secret detail"))));
        var token = new TokenIssuer(ApiApplication.JwtOptions, TimeProvider.System).Issue("staff", administrator: true);
        using var development = app.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var client = development.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await client.GetAsync("/admin/api/silos");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret detail", problem.GetRawText());
        Assert.DoesNotContain("InvalidOperationException", problem.GetRawText());
    }

    [Fact]
    public void ProblemFor_UnexpectedException_HasNoDetail() =>
        Assert.Null(ApiExceptionHandler.ProblemFor(new InvalidOperationException("secret detail")).Detail);

    [Fact]
    public void ProblemFor_BodyTooLarge_Keeps413WithItsReason()
    {
        var problem = ApiExceptionHandler.ProblemFor(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(413, problem.Status);
        Assert.Equal("Payload Too Large", problem.Title);
        Assert.IsNotType<HttpValidationProblemDetails>(problem);
    }

    [Fact]
    public void ProblemFor_MalformedJsonBody_NamesTheJsonPath()
    {
        var json = new JsonException("bad", path: "$.blocks[0].display_name", lineNumber: 0, bytePositionInLine: 3);

        var problem = ApiExceptionHandler.ProblemFor(new BadHttpRequestException("Failed to read parameter \"Course body\" from the request body as JSON.", json));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Equal(400, validation.Status);
        Assert.Contains("$.blocks[0].display_name", validation.Errors.Keys);
    }

    [Theory]
    [InlineData("Failed to bind parameter \"int top\" from \"abc\".", "top")]
    [InlineData("Required parameter \"string username\" was not provided from route.", "username")]
    [InlineData("Failed to bind parameter \"Nullable<int> top\" from \"x\".", "top")]
    [InlineData("Unexpected end of request content.", null)]
    public void ParameterNamedIn_FrameworkMessage_FindsTheParameter(string message, string? parameter) =>
        Assert.Equal(parameter, ApiExceptionHandler.ParameterNamedIn(message));

    private static Exception Create(string exceptionType) => exceptionType switch
    {
        nameof(TimeoutException) => new TimeoutException("secret detail"),
        nameof(SiloUnavailableException) => new SiloUnavailableException("secret detail"),
        nameof(InconsistentStateException) => new InconsistentStateException("secret detail"),
        _ => new InvalidOperationException("secret detail"),
    };
}
