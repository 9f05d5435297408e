using Actors.Api.Accounts;
using Actors.Api.Admin;
using Actors.Api.Admin.Pages;
using Actors.Api.Auth;
using Actors.Api.Cli;
using Actors.Api.Completion;
using Actors.Api.Courses;
using Actors.Api.Courseware;
using Actors.Api.Enrollments;
using Actors.Api.ErrorHandling;
using Actors.Api.Hosting;
using Actors.Api.Lms;
using Actors.Api.Mobile;
using Actors.Api.Ops;
using Actors.Api.Positions;
using Actors.Grains;
using Actors.Grains.Hosting;
using Actors.Grains.Storage;
using Orleans.Dashboard;

// `token --user NAME [--admin]` mints a token and exits; it reads the same configuration as the API.
if (TokenCommand.IsInvocation(args))
    return TokenCommand.Run(args[1..], WebApplication.CreateBuilder().Configuration, TimeProvider.System, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.ListenOnDefaultAddressUnlessConfigured();

// The HTTP edge: limits, errors as problem details, validation, tokens, the OpenAPI document, ops endpoints.
builder.Services.AddApiLimits();
builder.Services.AddApiErrorHandling();
builder.Services.AddValidation();
builder.Services.AddOpenEdxJwtAuth();
builder.Services.AddAdminSession();
builder.Services.AddOpenApi(options => options.AddBearerSecurityScheme());
builder.Services.AddOps();
builder.Services.AddNavigationCache();
builder.Services.AddLmsLinks();
builder.Services.AddMobileApi();

// The embedded default: this process co-hosts the one Orleans silo, keeping grain state and reminders in
// data/actors.db (SQLite), or in PostgreSQL when ConnectionStrings:Actors is set. With Actors:Cluster:Enabled=true it is
// instead an Orleans client of the cluster's silos (src/Silo processes), found in the membership table: it hosts no
// grains and sends each call through a silo's gateway.
if (ClusterHostingExtensions.ClusterOptionsFrom(builder.Configuration).Enabled)
    builder.UseOrleansClient(client => client.UseActorsCluster(builder.Configuration).AddDashboard(GrainDashboard.Configure));
else
    builder.UseOrleans(silo => silo.UseActorsCluster(builder.Configuration).UseActorsStorage(builder.Configuration).AddOpenEdxGrains()
        .AddDashboard(GrainDashboard.Configure));
if (builder.Environment.IsDevelopment())
    builder.Services.AddHostedService<DevelopmentTokenPrinter>();

var app = builder.Build();

// Routing, with course keys in paths taken as Open edX's URL patterns take them (Org/Course/Run raw or %2F-encoded).
app.UseOpaqueKeyPaths();
// Status-code pages sit before authentication so that 401 and 403 get problem-details bodies too.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseBearerAuthentication();
app.UseAuthorization();

app.MapOps();
app.MapOpenApi().AllowAnonymous();
app.MapAccounts();
app.MapAdmin();
app.MapAdminPages();
app.MapGrainDashboard();
app.MapEnrollments();
app.MapCompletion();
app.MapGetCompletion();
app.MapPositions();
app.MapCoursewareState();
app.MapCourses();
app.MapNavigation();
app.MapProgress();
app.MapMobileEnrollments();

app.Run();
return 0;

/// <summary>The API host's entry point, public so tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
