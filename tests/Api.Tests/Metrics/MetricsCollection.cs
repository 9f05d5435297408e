namespace Actors.Api.Tests.Metrics;

/// <summary>
/// The tests that read values from <c>/metrics</c> run alone: a host's meter provider takes instruments by meter name
/// from the whole process, so an API host running beside it in another test would add its requests and grain calls to
/// the same series.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;
