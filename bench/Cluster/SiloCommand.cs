using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Bench.Cluster;

/// <summary>
/// The hidden subcommand <c>silo --name NAME --pg CONNECTION_STRING [--port N]</c>: a clustered silo hosting this
/// assembly's grains, membership (and state, reminders) in PostgreSQL, listening on 127.0.0.1:N (0, the default, picks
/// a free port). Writes <c>ready PORT</c> once Active; leaves the cluster gracefully when its standard input closes;
/// warnings and errors go to standard error.
/// </summary>
internal static class SiloCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var name = ChildArguments.Value(args, "--name") ?? $"silo-{Environment.ProcessId}";
        var connectionString = ChildArguments.Value(args, "--pg") ?? throw new ArgumentException("silo needs --pg CONNECTION_STRING");
        var port = int.Parse(ChildArguments.Value(args, "--port") ?? "0");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddActorSilo(silo => silo.AddGrainsFromAssemblyOf<Program>().UsePostgres(connectionString)
            .Configure<ClusterOptions>(o =>
            {
                o.Enabled = true;
                o.ListenAddress = "127.0.0.1";
                o.SiloPort = port;
            })
            .Configure<SiloOptions>(o => o.SiloName = name));
        using var host = builder.Build();
        await host.StartAsync();
        var address = host.Services.GetRequiredService<Silo>().Member?.Address
                      ?? throw new InvalidOperationException("The silo started without joining the cluster.");
        Console.WriteLine($"ready {address.Port}");

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
}
