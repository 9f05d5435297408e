using System.Buffers;
using Actors.Runtime.Activation;
using Actors.Runtime.Serialization;

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

    /// <summary>True when the method takes a <see cref="System.Threading.CancellationToken"/>: a caller in another process
    /// can then cancel it on the silo that runs it (a Cancel frame).</summary>
    public virtual bool TakesCancellationToken => false;

    /// <summary>True once the caller has its outcome (result, exception, timeout or cancellation).</summary>
    internal abstract bool IsCompleted { get; }

    /// <summary>Runs the grain method on <paramref name="activation"/>'s turn. When the method finishes, the request reports
    /// to <see cref="Activation.Activation.OnRequestFinished"/> and then completes the caller.</summary>
    internal abstract void Start(Activation.Activation activation);

    /// <summary>Completes the caller with <paramref name="exception"/> unless it already has an outcome.</summary>
    internal abstract bool TryFail(Exception exception);

    /// <summary>Appends the arguments, one after another, each with <see cref="WireFormat.Write{T}"/>. Written by the code
    /// generator.</summary>
    protected abstract void WriteArguments(IBufferWriter<byte> output);

    /// <summary>Appends the arguments (<see cref="WriteArguments"/>) to <paramref name="output"/>.</summary>
    internal void WriteArgumentsTo(IBufferWriter<byte> output) => WriteArguments(output);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>, each with <see cref="WireFormat.Read{T}"/>.
    /// Written by the code generator.</summary>
    protected abstract void ReadArguments(ref WireReader reader);

    /// <summary>Fills the arguments from bytes made by <see cref="WriteArguments"/>.</summary>
    /// <exception cref="FormatException">The bytes do not hold exactly this method's arguments.</exception>
    internal void ReadArguments(ReadOnlySpan<byte> bytes)
    {
        var reader = new WireReader(bytes);
        ReadArguments(ref reader);
        if (!reader.IsAtEnd)
            throw new FormatException($"{reader.Remaining} bytes follow the arguments of {MethodName}.");
    }

    /// <summary>Completes the caller with a result that came back over the wire (<see cref="WireFormat"/>).</summary>
    internal abstract void SucceedFromWire(ReadOnlySpan<byte> result);
}
