namespace Actors.Runtime.Invocation;

/// <summary>
/// Delivers a request to the activation of a grain and completes it with the response. The single-silo
/// implementation (<see cref="Messaging.GrainCallRouter"/>) dispatches to the local activation table; the
/// cluster implementation places the grain on the ring and sends the request over TCP when the owner is remote.
/// </summary>
public interface IGrainCallInvoker
{
    /// <summary>Sends <paramref name="request"/> to <paramref name="target"/>; the request completes when the grain answers,
    /// fails, the call times out, or <paramref name="cancellationToken"/> fires before the request started.</summary>
    void Invoke(GrainId target, GrainRequest request, CancellationToken cancellationToken);
}
