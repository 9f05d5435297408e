namespace Actors.Bench.Cluster;

/// <summary>
/// The hidden subcommand <c>echo-server</c>: a <see cref="RawFrameEchoServer"/> on 127.0.0.1 (a free port, announced as
/// <c>ready PORT</c>) until its standard input closes.
/// </summary>
internal static class EchoServerCommand
{
    public const string Name = "echo-server";

    public static async Task<int> RunAsync()
    {
        await using var server = RawFrameEchoServer.Start();
        Console.WriteLine($"ready {server.Port}");
        await ChildArguments.StandardInputClosedAsync();
        return 0;
    }
}
