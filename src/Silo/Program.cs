using Actors.Grains;
using Actors.Grains.Hosting;
using Actors.Grains.Storage;
using Orleans.Dashboard;

// A silo process: an Orleans silo hosting grain activations. With Actors:Cluster:Enabled=true (and ConnectionStrings:Actors
// naming the PostgreSQL database of the membership table, grain state and reminders) it joins the cluster on
// Actors:Cluster:SiloPort and serves API processes on Actors:Cluster:GatewayPort. Without clustering it is a stand-alone
// silo on the same storage choice as the API's embedded default. See docs/operations.md.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseActorsCluster(builder.Configuration)
    .UseActorsStorage(builder.Configuration)
    .AddOpenEdxGrains()
    .AddDashboard(options => options.HideTrace = true)); // the dashboard's per-silo part; the API process serves its pages
builder.Build().Run();
