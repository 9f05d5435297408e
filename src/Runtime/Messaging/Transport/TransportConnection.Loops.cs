using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>The connection's two loops: one reads and dispatches frames, one drains the send queue in batches.</summary>
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

                            dispatched = DispatchAsync(new Frame(type, correlationId, payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : payload.ToArray()));
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

    private async Task WriteLoopAsync()
    {
        var queue = _sendQueue.Reader;
        try
        {
            while (await queue.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                var batchBytes = 0;
                var frames = 0;
                while (batchBytes < _options.MaxBatchBytes && queue.TryRead(out var frame))
                {
                    // A request whose caller already gave up (timeout, cancellation) is not worth the bandwidth.
                    if (frame.Type == FrameType.Request && !_pending.ContainsKey(frame.CorrelationId))
                        continue;

                    batchBytes += FrameWriter.Write(_output, frame);
                    frames++;
                }

                if (frames == 0)
                    continue;

                var flushed = await _output.FlushAsync(_closing.Token).ConfigureAwait(false);
                Interlocked.Add(ref _framesWritten, frames);
                Interlocked.Increment(ref _flushes);
                if (flushed.IsCompleted)
                    break;
            }
        }
        catch (Exception) when (IsClosed)
        {
            // Closing cancels the loop.
        }
        catch (Exception exception)
        {
            Close($"write failed: {exception.GetType().Name}: {exception.Message}");
        }

        try
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The socket is gone; nothing left to flush to.
        }
    }
}
