using System.Text.Json;
using Actors.Runtime.Activation;

namespace Actors.Runtime.Invocation;

/// <summary>
/// One call to one grain method: the generated subclass holds the arguments and knows how to call the method;
/// this base holds what the runtime needs to queue, time out and account for the call. A request is also the
/// caller's awaitable (<see cref="GrainRequest{TResult}"/>), so a call costs one object.
/// </summary>
public abstract class GrainRequest
{
    /// <summary>Next request in the activation's waiting or running list (intrusive, so queuing allocates nothing).</summary>
    internal GrainRequest? Next;

    /// <summary>When the call was made (<see cref="TimeProvider.GetTimestamp"/>); start of its latency and deadline.</summary>
    internal long SentTimestamp;

    /// <summary>The timestamp after which the caller gets a <see cref="TimeoutException"/>.</summary>
    internal long DeadlineTimestamp;

    internal CancellationToken CancellationToken;
    internal CancellationTokenRegistration CancellationRegistration;

    /// <summary>Set for a call that came from another process: its outcome goes there instead of to an awaiter.</summary>
    internal IRemoteAnswer? RemoteAnswer;

    /// <summary>How many times a silo rejected this call because it did not own the grain (bounded retries).</summary>
    internal int Rejections;

    /// <summary>The method's id on the wire (<see cref="GrainRequestFactories"/>).</summary>
    public abstract uint MethodId { get; }

    /// <summary>The full name of the grain interface that declares the method.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method name.</summary>
    public abstract string MethodName { get; }

    /// <summary>How the request may interleave with others.</summary>
    public virtual RequestFlags Flags => RequestFlags.None;

    /// <summary>True once the caller has its outcome (result, exception, timeout or cancellation).</summary>
    internal abstract bool IsCompleted { get; }

    /// <summary>Runs the grain method on <paramref name="activation"/>'s turn. When the method finishes, the request reports
    /// to <see cref="Activation.Activation.OnRequestFinished"/> and then completes the caller.</summary>
    internal abstract void Start(Activation.Activation activation);

    /// <summary>Completes the caller with <paramref name="exception"/> unless it already has an outcome.</summary>
    internal abstract bool TryFail(Exception exception);

    /// <summary>Writes the arguments, each with <see cref="Serialization.WireJson.Write{T}"/>. Written by the code generator.</summary>
    protected abstract void WriteArguments(Utf8JsonWriter writer);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>, each with
    /// <see cref="Serialization.WireJson.Read{T}"/>. Written by the code generator.</summary>
    protected abstract void ReadArguments(ref Utf8JsonReader reader);

    /// <summary>The arguments as a JSON array.</summary>
    internal void WriteArgumentArray(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        WriteArguments(writer);
        writer.WriteEndArray();
    }

    /// <summary>Fills the arguments from a JSON array made by <see cref="WriteArgumentArray"/>.</summary>
    internal void ReadArgumentArray(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("The arguments are not a JSON array.");
        ReadArguments(ref reader);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            throw new JsonException($"More arguments than {MethodName} takes.");
    }

    /// <summary>Completes the caller with a result that came back over the wire as JSON.</summary>
    internal abstract void SucceedFromJson(ReadOnlySpan<byte> json);
}
