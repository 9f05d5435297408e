using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>The connection's read loop: reads frames and dispatches them (sending is <see cref="SendQueue"/>'s).</summary>
public sealed partial class TransportConnection
{
    private async Task ReadLoopAsync()
    {
        string reason;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                string? error;
                try
                {
                    while (FrameReader.TryReadInPlace(ref buffer, _options.MaxFrameBytes, out var type, out var correlationId, out var payload, out error))
                    {
                        ValueTask dispatched;
                        _readBatch.StartCollecting();
                        try
                        {
                            if (type is FrameType.Response or FrameType.Error or FrameType.Rejection or FrameType.Pong)
                            {
                                Answer(type, correlationId, payload);
                                continue;
                            }

                            // The read buffer stays put until the handler's task completes: no copy unless the frame spans buffers.
                            dispatched = DispatchAsync(new Frame(type, correlationId, payload.IsSingleSegment ? payload.First : payload.ToArray()));
                        }
                        finally
                        {
                            ReadBatch.StopCollecting();
                        }

                        if (!dispatched.IsCompletedSuccessfully)
                        {
                            _readBatch.Dispatch(); // nothing collected waits for a slow handler
                            await dispatched.ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    _readBatch.Dispatch(); // even when the read ends in an error: what was collected is owed to its callers
                }

                if (error is null && result.IsCompleted && !buffer.IsEmpty)
                    error = $"the connection ended inside a frame ({buffer.Length} bytes unread)";
                if (error is not null)
                {
                    LogBadFrame(LocalEndPoint, RemoteEndPoint, error);
                    reason = "bad frame: " + error;
                    break;
                }

                if (result.IsCompleted)
                {
                    reason = "the remote end closed the connection";
                    break;
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception) when (IsClosed)
        {
            reason = "closed";
        }
        catch (Exception exception)
        {
            reason = $"read failed: {exception.GetType().Name}: {exception.Message}";
        }

        Close(reason);
        await _input.CompleteAsync().ConfigureAwait(false);
    }

    // Completes the pending call the answer is for, reading the payload where it lies. No pending call: the caller timed
    // out or cancelled before the answer came; the answer is dropped.
    private void Answer(FrameType type, long correlationId, in ReadOnlySequence<byte> payload)
    {
        if (!_pending.TryRemove(correlationId, out var call))
            return;
        if (payload.IsSingleSegment)
            call.Answer(type, payload.FirstSpan);
        else
            call.Answer(type, payload.ToArray());
    }

    private async ValueTask DispatchAsync(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.Ping:
                await SendAsync(new Frame(FrameType.Pong, frame.CorrelationId, ReadOnlyMemory<byte>.Empty)).ConfigureAwait(false);
                break;
            case FrameType.Request when _handler is null:
                await SendAsync(new Frame(FrameType.Error, frame.CorrelationId,
                    ErrorPayload.Encode(typeof(NotSupportedException).FullName!, "This endpoint accepts no requests."))).ConfigureAwait(false);
                break;
            case FrameType.Cancel when _handler is null:
                break;
            default:
                try
                {
                    await _handler!.HandleAsync(this, frame, _closing.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !_closing.IsCancellationRequested)
                {
                    LogHandlerFailed(exception, frame.Type, frame.CorrelationId, RemoteEndPoint);
                    if (frame.Type == FrameType.Request)
                        await SendAsync(new Frame(FrameType.Error, frame.CorrelationId, ErrorPayload.Encode(exception))).ConfigureAwait(false);
                }

                break;
        }
    }
}
