using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Bench;

/// <summary>A silo in this process with the benchmark's grains and logging off.</summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(Action<SiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddActorSilo(silo =>
        {
            silo.AddGrainsFromAssemblyOf<Program>();
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
