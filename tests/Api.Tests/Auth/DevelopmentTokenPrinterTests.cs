using System.Collections.Concurrent;
using System.Net;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Api.Tests.Auth;

public sealed class DevelopmentTokenPrinterTests
{
    [Fact]
    public async Task Startup_InDevelopment_LogsAnAdministratorTokenAndCurlCommandThatWork()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new ApiApplication().WithWebHostBuilder(builder => builder
            .UseEnvironment("Development")
            .ConfigureLogging(logging => logging.AddProvider(logs)));
        var client = app.CreateClient();

        var message = Assert.Single(logs.Messages, m => m.EventId == 9000).Message;
        var lines = message.Split('\n');
        var token = lines[1];
        Assert.Contains($"curl -H 'Authorization: Bearer {token}' ", lines[2]);
        Assert.EndsWith("/admin/api/silos", lines[2]);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/api/silos")).StatusCode);
    }

    [Fact]
    public async Task Startup_OutsideDevelopment_LogsNoToken()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new ApiApplication().WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));

        _ = app.CreateClient();

        Assert.DoesNotContain(logs.Messages, m => m.EventId == 9000);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:80/", "http://localhost:80")]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080")]
    public void BrowsableAddress_ListeningAddress_IsOneACurlCanReach(string listening, string expected) =>
        Assert.Equal(expected, DevelopmentTokenPrinter.BrowsableAddress([listening]));

    [Fact]
    public void BrowsableAddress_NoAddress_FallsBackToLocalhost() =>
        Assert.Equal("http://localhost", DevelopmentTokenPrinter.BrowsableAddress(null));

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(int EventId, string Message)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<(int, string)> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue((eventId.Id, formatter(state, exception)));
        }
    }
}
