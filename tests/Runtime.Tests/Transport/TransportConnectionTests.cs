using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Transport;

public sealed class TransportConnectionTests
{
    [Fact]
    public async Task SendRequest_EchoServer_ReturnsResponseWithSamePayloadAndCorrelation()
    {
        await using var world = TransportWorld.Start(new EchoHandler());

        var answer = await world.SendAsync("hello"u8.ToArray());

        Assert.Equal(FrameType.Response, answer.Type);
        Assert.Equal("hello", Encoding.UTF8.GetString(answer.Payload.Span));
        Assert.True(answer.CorrelationId > 0);
    }

    [Fact]
    public async Task SendRequest_TenThousandInFlightAnsweredInReverse_EachCallGetsItsOwnAnswer()
    {
        const int calls = 10_000;
        var handler = new RecordingHandler();
        await using var world = TransportWorld.Start(handler);
        var connection = await world.Client.GetConnectionAsync(world.EndPoint);

        var pending = Enumerable.Range(0, calls).Select(i =>
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            return connection.SendRequestAsync(FrameType.Request, payload, TransportWorld.LongTimeout);
        }).ToArray();
        var received = await handler.NextAsync(calls);
        Assert.Equal(calls, connection.PendingCalls);
        received.Reverse();
        foreach (var (serverSide, request) in received)
            Assert.True(await serverSide.SendAsync(request with { Type = FrameType.Response }));
        var answers = await Task.WhenAll(pending).WaitAsync(Probe.Patience);

        for (var i = 0; i < calls; i++)
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(answers[i].Payload.Span));
        Assert.Single(world.Listener.Connections);
        Assert.Equal(0, connection.PendingCalls);
        Assert.True(connection.Writes < connection.FramesWritten, $"{connection.FramesWritten} frames in {connection.Writes} writes: no batching");
    }

    [Fact]
    public async Task SendRequest_NeverAnswered_TimesOutAloneAndConnectionKeepsWorking()
    {
        var time = new FakeTimeProvider();
        var handler = new RecordingHandler();
        handler.EchoPayloads["echo"] = true;
        await using var world = TransportWorld.Start(handler, o => o.TimeoutCheckPeriod = TimeSpan.FromSeconds(1), time);
        var connection = await world.Client.GetConnectionAsync(world.EndPoint);

        var silent = world.SendAsync("silent"u8.ToArray(), TimeSpan.FromSeconds(10));
        var patient = world.SendAsync("patient"u8.ToArray(), TimeSpan.FromSeconds(60));
        await handler.NextAsync(2);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(silent.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => silent.WaitAsync(Probe.Patience));
        Assert.Contains("outcome is unknown", timeout.Message);
        Assert.False(patient.IsCompleted);
        var echoed = await world.SendAsync("echo"u8.ToArray(), TimeSpan.FromSeconds(10)).WaitAsync(Probe.Patience);
        Assert.Equal("echo", Encoding.UTF8.GetString(echoed.Payload.Span));
        Assert.False(connection.IsClosed);
        Assert.Equal(1, connection.PendingCalls);
    }

    [Fact]
    public async Task SendRequest_TokenCancelled_FailsOnlyThatCallAndSendsCancel()
    {
        var handler = new RecordingHandler();
        handler.EchoPayloads["echo"] = true;
        await using var world = TransportWorld.Start(handler);
        using var cancellation = new CancellationTokenSource();

        var call = world.SendAsync("slow"u8.ToArray(), cancellationToken: cancellation.Token);
        var (_, request) = await handler.NextAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Probe.Patience));
        var (_, cancel) = await handler.NextAsync();
        Assert.Equal((FrameType.Cancel, request.CorrelationId), (cancel.Type, cancel.CorrelationId));
        var echoed = await world.SendAsync("echo"u8.ToArray());
        Assert.Equal("echo", Encoding.UTF8.GetString(echoed.Payload.Span));
    }

    [Fact]
    public async Task ListenerStop_WithPendingCalls_FailsAllAtOnceWithSiloUnavailable()
    {
        var handler = new RecordingHandler();
        await using var world = TransportWorld.Start(handler);
        var pending = Enumerable.Range(0, 200).Select(_ => world.SendAsync(new byte[64])).ToArray();
        await handler.NextAsync(pending.Length);

        var watch = Stopwatch.StartNew();
        await world.Listener.StopAsync();
        await Task.WhenAny(Task.WhenAll(pending)).WaitAsync(Probe.Patience);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}, timeout is {TransportWorld.LongTimeout}");
        foreach (var call in pending)
        {
            var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => call);
            Assert.Equal(world.EndPoint, error.Endpoint);
        }
    }

    [Fact]
    public async Task ServerDropsConnection_PendingCallsFailAtOnce_AndNextSendReconnects()
    {
        var handler = new RecordingHandler();
        handler.EchoPayloads["echo"] = true;
        await using var world = TransportWorld.Start(handler);
        var first = await world.Client.GetConnectionAsync(world.EndPoint);
        var pending = Enumerable.Range(0, 50).Select(_ => world.SendAsync(new byte[8])).ToArray();
        await handler.NextAsync(pending.Length);

        await world.Listener.Connections.Single().CloseAsync("dropped by the test");
        await Task.WhenAny(Task.WhenAll(pending)).WaitAsync(Probe.Patience);

        Assert.All(pending, call => Assert.IsType<SiloUnavailableException>(call.Exception!.InnerException));
        await first.Closed.WaitAsync(Probe.Patience);
        var echoed = await world.SendAsync("echo"u8.ToArray()).WaitAsync(Probe.Patience);
        Assert.Equal("echo", Encoding.UTF8.GetString(echoed.Payload.Span));
        Assert.NotSame(first, await world.Client.GetConnectionAsync(world.EndPoint));
    }

    [Fact]
    public async Task SendRequest_OnClosedConnection_FailsFastWithSiloUnavailable()
    {
        await using var world = TransportWorld.Start(new EchoHandler());
        var connection = await world.Client.GetConnectionAsync(world.EndPoint);
        await world.Listener.StopAsync();
        var reason = await connection.Closed.WaitAsync(Probe.Patience);

        var send = connection.SendRequestAsync(FrameType.Request, new byte[1], TransportWorld.LongTimeout);

        Assert.True(send.IsCompleted);
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => send);
        Assert.Equal(reason, error.Reason);
        Assert.False(await connection.SendAsync(new Frame(FrameType.Response, 1, new byte[1])));
    }

    [Fact]
    public async Task Senders_QueueFullAndServerNotReading_WaitInsteadOfBuffering()
    {
        const int capacity = 4;
        const int calls = 1000;
        var handler = new RecordingHandler();
        handler.Close();
        await using var world = TransportWorld.Start(handler, o => o.SendQueueCapacity = capacity);
        var connection = await world.Client.GetConnectionAsync(world.EndPoint);
        var payload = new byte[64 * 1024];

        var pending = Enumerable.Range(0, calls)
            .Select(_ => connection.SendRequestAsync(FrameType.Request, payload, TransportWorld.LongTimeout)).ToArray();
        var maxQueued = 0;
        await Eventually.TrueAsync(() =>
        {
            maxQueued = Math.Max(maxQueued, connection.QueuedFrames);
            return connection.QueuedFrames == capacity && connection.WaitingSenders > 0 &&
                   connection.WaitingSenders + connection.QueuedFrames + connection.FramesWritten >= calls - 1;
        }, "the send queue is full and the other senders wait");

        Assert.True(maxQueued <= capacity);
        Assert.True(connection.FramesWritten < calls / 2, $"{connection.FramesWritten} frames went out although the server reads nothing");
        Assert.True(connection.WaitingSenders >= calls / 2, $"only {connection.WaitingSenders} senders wait");
        handler.Open();
        var received = await handler.NextAsync(calls);
        foreach (var (serverSide, request) in received)
            await serverSide.SendAsync(request with { Type = FrameType.Response, Payload = ReadOnlyMemory<byte>.Empty });
        await Task.WhenAll(pending).WaitAsync(Probe.Patience);
        Assert.Equal(0, connection.WaitingSenders);
        Assert.Equal(0, connection.QueuedFrames);
    }

    [Fact]
    public async Task Handler_Throws_AnswersErrorWithExceptionTypeAndMessageAndLogs()
    {
        await using var world = TransportWorld.Start(new EchoHandler());

        var answer = await world.SendAsync("throw"u8.ToArray());

        Assert.Equal(FrameType.Error, answer.Type);
        Assert.True(ErrorPayload.TryDecode(answer.Payload.Span, out var type, out var message));
        Assert.Equal(typeof(InvalidOperationException).FullName, type);
        Assert.Equal("asked to throw", message);
        Assert.Equal(1, world.Logs.Count(EventIds.TransportHandlerFailed));
        Assert.Equal("x", Encoding.UTF8.GetString((await world.SendAsync("x"u8.ToArray())).Payload.Span));
    }

    [Fact]
    public async Task Ping_IsAnsweredByTheTransport_WithoutTheHandler()
    {
        var handler = new RecordingHandler();
        await using var world = TransportWorld.Start(handler);

        var pong = await world.Client.SendRequestAsync(world.EndPoint, FrameType.Ping, ReadOnlyMemory<byte>.Empty, TransportWorld.LongTimeout);

        Assert.Equal(FrameType.Pong, pong.Type);
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task ServerSendsRequestToClientWithoutHandler_GetsErrorAnswer()
    {
        var handler = new RecordingHandler();
        await using var world = TransportWorld.Start(handler);
        var ping = await world.Client.SendRequestAsync(world.EndPoint, FrameType.Ping, ReadOnlyMemory<byte>.Empty, TransportWorld.LongTimeout);
        var serverSide = world.Listener.Connections.Single();

        var answer = await serverSide.SendRequestAsync(FrameType.Request, new byte[1], TransportWorld.LongTimeout);

        Assert.Equal(FrameType.Pong, ping.Type);
        Assert.Equal(FrameType.Error, answer.Type);
    }

    [Fact]
    public async Task SendRequest_PayloadOverMaxFrameBytes_ThrowsWithoutClosing()
    {
        await using var world = TransportWorld.Start(new EchoHandler(), o => o.MaxFrameBytes = 1024);
        var connection = await world.Client.GetConnectionAsync(world.EndPoint);

        Assert.Throws<ArgumentException>(() => { _ = connection.SendRequestAsync(FrameType.Request, new byte[1024], TransportWorld.LongTimeout); });

        Assert.False(connection.IsClosed);
        Assert.Equal(1015, (await world.SendAsync(new byte[1015])).Payload.Length);
    }
}
