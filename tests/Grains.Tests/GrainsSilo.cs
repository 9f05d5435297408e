using Actors.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests;

/// <summary>A real silo in this process with the Open edX grains and in-memory storage.</summary>
internal sealed class GrainsSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainsSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the silo; <paramref name="configure"/> may set options (after the defaults are registered).</summary>
    public static async Task<GrainsSilo> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddActorSilo(silo => silo.AddOpenEdxGrains().AddMemoryGrainStorage());
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new GrainsSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
