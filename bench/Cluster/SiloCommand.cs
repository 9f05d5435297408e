using Actors.Grains;
using Actors.Grains.Hosting;
using Actors.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace Actors.Bench.Cluster;

/// <summary>
/// The hidden subcommand <c>silo --name NAME --pg CONNECTION_STRING</c>: a silo process built as src/Silo builds its
/// silo (<c>UseActorsCluster</c>, <c>UseActorsStorage</c>, <c>AddOpenEdxGrains</c>, the dashboard's per-silo part), plus
/// this assembly's grains, in the cluster whose membership table is in that PostgreSQL database, on loopback and free
/// ports. Writes <c>ready SILO_PORT</c> once Active; leaves the cluster gracefully when its standard input closes;
/// warnings and errors go to standard error.
/// </summary>
internal static class SiloCommand
{
    public const string Name = "silo";

    public static async Task<int> RunAsync(string[] args)
    {
        var name = ChildArguments.Value(args, "--name") ?? $"silo-{Environment.ProcessId}";
        var connectionString = ChildArguments.Value(args, "--pg") ?? throw new ArgumentException("silo needs --pg CONNECTION_STRING");
        var configuration = BenchClusterConfiguration.ClusteredSilo(name, connectionString);

        var builder = Host.CreateApplicationBuilder();
        ChildArguments.LogWarningsToStandardError(builder.Logging, builder.Services);
        builder.UseOrleans(silo =>
        {
            silo.UseActorsCluster(configuration).UseActorsStorage(configuration).AddOpenEdxGrains();
            if (BenchSettings.SiloDashboard)
                silo.AddDashboard(options => options.HideTrace = true);
            BenchSettings.ApplySiloMessaging(silo);
        });
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine($"ready {ClusterHostingExtensions.ClusterOptionsFrom(configuration).SiloPort}");

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await Task.WhenAny(ChildArguments.StandardInputClosedAsync(), Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping));
        await host.StopAsync(TimeSpan.FromSeconds(5));
        return 0;
    }
}

/// <summary>Helpers of the hidden subcommands.</summary>
internal static class ChildArguments
{
    public static string? Value(string[] args, string option) =>
        args.SkipWhile(a => a != option).Skip(1).FirstOrDefault();

    /// <summary>Completes when the parent closes this process's standard input (or dies).</summary>
    public static Task StandardInputClosedAsync() => Task.Run(() =>
    {
        while (Console.In.ReadLine() is not null)
        {
        }
    });

    /// <summary>Single-line console logging of warnings and errors only, all to standard error (standard output carries
    /// the <c>ready</c> line).</summary>
    public static void LogWarningsToStandardError(ILoggingBuilder logging, IServiceCollection services)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.AddFilter((_, level) => level >= LogLevel.Warning);
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
