using Microsoft.CodeAnalysis;

namespace Actors.CodeGenerator;

/// <summary>Build errors for grain interfaces the runtime cannot call.</summary>
internal static class Diagnostics
{
    private const string Category = "Actors.Grains";

    public static readonly DiagnosticDescriptor BadReturnType = new(
        "ACTORS001",
        "Grain method must return Task, Task<T>, ValueTask or ValueTask<T>",
        "Grain method '{0}.{1}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericMethod = new(
        "ACTORS002",
        "Generic grain methods are not supported",
        "Grain method '{0}.{1}' is generic; declare a concrete method per type instead",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        "ACTORS003",
        "Grain method parameters must be passed by value",
        "Parameter '{2}' of grain method '{0}.{1}' is ref, out or in; grain calls pass arguments by value",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonMethodMember = new(
        "ACTORS004",
        "Grain interfaces may declare only methods",
        "Grain interface '{0}' declares '{1}', which is not a method; grain interfaces may declare only methods",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MisplacedCancellationToken = new(
        "ACTORS005",
        "A CancellationToken must be the last parameter",
        "Grain method '{0}.{1}' takes a CancellationToken that is not its last parameter",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
