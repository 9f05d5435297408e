using Actors.Runtime;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests.Students;

/// <summary>A silo with the Open edX grains, like <see cref="GrainsSilo"/>, with the choices the learner tests need: a
/// clock, services registered before the silo's (a student store, say), or a database (SQLite file or PostgreSQL)
/// instead of memory.</summary>
internal sealed class StudentsSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private StudentsSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<StudentsSilo> StartAsync(TimeProvider? clock = null, Action<IServiceCollection>? services = null, string? sqlitePath = null,
        string? postgresConnectionString = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (clock is not null)
            builder.Services.AddSingleton(clock);
        services?.Invoke(builder.Services);
        builder.Services.AddActorSilo(silo =>
        {
            silo.AddOpenEdxGrains();
            if (postgresConnectionString is not null)
                silo.UsePostgres(postgresConnectionString);
            else if (sqlitePath is not null)
                silo.UseSqlite(sqlitePath);
            else
                silo.AddMemoryGrainStorage();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new StudentsSilo(host);
    }

    /// <summary>Deactivates every idle activation, so the next call activates afresh from the store; returns how many.</summary>
    public Task<int> CollectAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollectionAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
