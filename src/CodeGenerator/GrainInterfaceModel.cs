using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Actors.CodeGenerator;

/// <summary>How a grain method hands back its result.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One parameter of a grain method, already rendered as C# text.</summary>
internal sealed class ParameterModel
{
    public ParameterModel(string type, string name)
    {
        Type = type;
        Name = name;
    }

    public string Type { get; }
    public string Name { get; }
}

/// <summary>One method of a grain interface (its own or inherited), as the proxy must implement it.</summary>
internal sealed class MethodModel
{
    public string DeclaringInterface { get; set; } = "";
    public string DeclaringInterfaceShortName { get; set; } = "";
    public string Name { get; set; } = "";
    public string ReturnType { get; set; } = "";
    public ReturnKind ReturnKind { get; set; }

    /// <summary>The result type carried by the request: the T of Task&lt;T&gt;, or NoResult.</summary>
    public string ResultType { get; set; } = "";
    public List<ParameterModel> Parameters { get; } = new();

    /// <summary>Name of the trailing CancellationToken parameter, if the method has one.</summary>
    public string? CancellationTokenName { get; set; }
    public bool IsReadOnly { get; set; }
    public bool IsAlwaysInterleave { get; set; }

    public IEnumerable<ParameterModel> Arguments =>
        Parameters.Where(p => p.Name != CancellationTokenName);

    /// <summary>The method's name on the wire: declaring interface, name and argument types, unique per overload, the same
    /// in every assembly that generates a proxy for the interface.</summary>
    public string WireKey =>
        $"{DeclaringInterfaceShortName}.{Name}({string.Join(",", Arguments.Select(a => a.Type.Replace("global::", "")))})";
}

/// <summary>A grain interface and every method its proxy implements.</summary>
internal sealed class InterfaceModel
{
    public InterfaceModel(INamedTypeSymbol symbol, string fullName, string identifier)
    {
        Symbol = symbol;
        FullName = fullName;
        Identifier = identifier;
    }

    public INamedTypeSymbol Symbol { get; }
    public string FullName { get; }

    /// <summary>A name unique in the assembly, usable as part of a generated class name.</summary>
    public string Identifier { get; }
    public List<MethodModel> Methods { get; } = new();
}
