namespace Actors.Runtime.Invocation;

/// <summary>
/// Where the outcome of a call from another process goes: set on the request by the silo that serves it, in place of a
/// local awaiter. Called once, on the thread that finished the call (the activation's turn), so it must only queue.
/// </summary>
internal interface IRemoteAnswer
{
    /// <summary>The call returned; <paramref name="result"/> is its result in the wire format (<see cref="Serialization.WireFormat"/>),
    /// valid only during the call.</summary>
    void Succeed(ReadOnlySpan<byte> result);

    /// <summary>The call failed, timed out or its result could not be serialised.</summary>
    void Fail(Exception exception);
}
