using Actors.Runtime.Invocation;

namespace Actors.Runtime;

/// <summary>
/// A reference to a grain: the base class of every generated proxy. It holds the grain's identity and the
/// invoker that routes its calls; creating one does no I/O. References compare equal when they name the same grain.
/// </summary>
public abstract class GrainReference : IEquatable<GrainReference>
{
    private readonly IGrainCallInvoker _invoker;

    /// <summary>Used by generated proxies.</summary>
    protected GrainReference(IGrainCallInvoker invoker, GrainId grainId)
    {
        _invoker = invoker;
        GrainId = grainId;
    }

    /// <summary>The grain this reference calls.</summary>
    public GrainId GrainId { get; }

    /// <summary>Sends a request and returns the caller's awaitable for its outcome. Used by generated proxies.</summary>
    protected ValueTask<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request, CancellationToken cancellationToken)
    {
        var result = request.AsValueTask();
        _invoker.Invoke(GrainId, request, cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}
