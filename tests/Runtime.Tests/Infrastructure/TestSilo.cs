using Actors.Runtime.Activation;
using RuntimeActivation = Actors.Runtime.Activation.Activation;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Infrastructure;

/// <summary>A real silo in this process with the test grains, in-memory providers and, when asked, a fake clock.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public ActivationTable Activations => Services.GetRequiredService<ActivationTable>();

    public static async Task<TestSilo> StartAsync(FakeTimeProvider? time = null, Action<SiloBuilder>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (time is not null)
            builder.Services.AddSingleton<TimeProvider>(time);
        services?.Invoke(builder.Services);
        builder.Services.AddActorSilo(silo =>
        {
            silo.AddGrainsFromAssemblyOf<TestSilo>().AddMemoryGrainStorage();
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    /// <summary>The activation of <paramref name="grain"/>, waiting (briefly) for it to exist.</summary>
    public RuntimeActivation ActivationOf(IGrain grain)
    {
        var id = ((GrainReference)grain).GrainId;
        return Activations.TryGet(id, out var activation) ? activation : throw new InvalidOperationException($"{id} has no activation.");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
