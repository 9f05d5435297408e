using System.Threading.Channels;

namespace Actors.Bench.Ping;

/// <summary>
/// The baseline: the naive actor (a channel per actor, a reader task per actor, a TaskCompletionSource per call),
/// measured in the same run so the runtime's figures are read as a ratio, not as absolute times.
/// </summary>
internal sealed class ChannelActor
{
    private readonly Channel<TaskCompletionSource> _mailbox = Channel.CreateUnbounded<TaskCompletionSource>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelActor() => _ = Task.Run(ReadLoopAsync);

    public ValueTask Ping()
    {
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _mailbox.Writer.TryWrite(reply);
        return new ValueTask(reply.Task);
    }

    private async Task ReadLoopAsync()
    {
        await foreach (var reply in _mailbox.Reader.ReadAllAsync())
            reply.SetResult();
    }
}
