namespace Actors.Grains.Students;

/// <summary>An argument of a grain call broke its rule; nothing was changed. An <see cref="ArgumentException"/> whose
/// <see cref="ParamName"/> survives Orleans' serialization (a plain one reaches a caller in another process without
/// it).</summary>
[GenerateSerializer, Alias("actors.InvalidArgumentException")]
public sealed class InvalidArgumentException(string reason, string parameterName) : ArgumentException(reason)
{
    [Id(0)]
    private readonly string _parameterName = parameterName;

    [Id(1)]
    private readonly string _reason = reason;

    /// <inheritdoc />
    public override string ParamName => _parameterName;

    /// <summary>What is wrong, without the parameter name (for a caller who names the field their own way).</summary>
    public string Reason => _reason;

    /// <inheritdoc />
    public override string Message => $"{_reason} (Parameter '{_parameterName}')";
}
