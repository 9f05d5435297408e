using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Actors.CodeGenerator;

/// <summary>Finds the grain interfaces declared in a compilation and reads them into models.</summary>
internal static class GrainInterfaceReader
{
    private const string GrainInterface = "Actors.Runtime.IGrain";
    private const string ReadOnlyAttribute = "Actors.Runtime.ReadOnlyAttribute";
    private const string AlwaysInterleaveAttribute = "Actors.Runtime.AlwaysInterleaveAttribute";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static List<InterfaceModel> Read(Compilation compilation, List<Diagnostic> diagnostics)
    {
        var grain = compilation.GetTypeByMetadataName(GrainInterface);
        var result = new List<InterfaceModel>();
        if (grain is null)
            return result;

        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            if (type.TypeKind != TypeKind.Interface || type.IsGenericType || !IsGrainInterface(type, grain))
                continue;
            if (type.DeclaredAccessibility != Accessibility.Public && type.DeclaredAccessibility != Accessibility.Internal)
                continue;

            var model = new InterfaceModel(
                type,
                type.ToDisplayString(TypeFormat),
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                    .Replace("global::", "").Replace('.', '_'));
            foreach (var declaring in new[] { type }.Concat(type.AllInterfaces))
            {
                foreach (var member in declaring.GetMembers())
                    ReadMember(compilation, declaring, member, model, diagnostics);
            }

            if (model.Methods.Count > 0)
                result.Add(model);
        }

        return result;
    }

    private static void ReadMember(
        Compilation compilation, INamedTypeSymbol declaring, ISymbol member, InterfaceModel model, List<Diagnostic> diagnostics)
    {
        var location = member.Locations.FirstOrDefault();
        if (member is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary)
        {
            if (member is IMethodSymbol { AssociatedSymbol: not null })
                return; // accessor of a property already reported
            if (!member.IsStatic)
                diagnostics.Add(Diagnostic.Create(Diagnostics.NonMethodMember, location, declaring.Name, member.Name));
            return;
        }

        if (method.IsStatic || !method.IsAbstract)
            return;

        if (method.IsGenericMethod)
        {
            diagnostics.Add(Diagnostic.Create(Diagnostics.GenericMethod, location, declaring.Name, method.Name));
            return;
        }

        var (kind, resultType) = ClassifyReturn(compilation, method.ReturnType);
        if (kind is null)
        {
            diagnostics.Add(Diagnostic.Create(Diagnostics.BadReturnType, location, declaring.Name, method.Name,
                method.ReturnType.ToDisplayString()));
            return;
        }

        var cancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        var methodModel = new MethodModel
        {
            DeclaringInterface = declaring.ToDisplayString(TypeFormat),
            DeclaringInterfaceShortName = declaring.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""),
            Name = method.Name,
            ReturnType = method.ReturnType.ToDisplayString(TypeFormat),
            ReturnKind = kind.Value,
            ResultType = resultType,
            IsReadOnly = HasAttribute(method, ReadOnlyAttribute),
            IsAlwaysInterleave = HasAttribute(method, AlwaysInterleaveAttribute),
        };

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(Diagnostic.Create(Diagnostics.ByRefParameter, location, declaring.Name, method.Name, parameter.Name));
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, cancellationToken))
            {
                if (i != method.Parameters.Length - 1)
                {
                    diagnostics.Add(Diagnostic.Create(Diagnostics.MisplacedCancellationToken, location, declaring.Name, method.Name));
                    return;
                }

                methodModel.CancellationTokenName = "@" + parameter.Name;
            }

            methodModel.Parameters.Add(new ParameterModel(parameter.Type.ToDisplayString(TypeFormat), "@" + parameter.Name));
        }

        model.Methods.Add(methodModel);
    }

    private static (ReturnKind? Kind, string ResultType) ClassifyReturn(Compilation compilation, ITypeSymbol returnType)
    {
        const string noResult = "global::Actors.Runtime.Invocation.NoResult";
        if (returnType is not INamedTypeSymbol named)
            return (null, "");

        var definition = named.ConstructedFrom;
        bool Is(string metadataName) =>
            SymbolEqualityComparer.Default.Equals(definition, compilation.GetTypeByMetadataName(metadataName));

        if (Is("System.Threading.Tasks.Task"))
            return (ReturnKind.Task, noResult);
        if (Is("System.Threading.Tasks.ValueTask"))
            return (ReturnKind.ValueTask, noResult);
        if (Is("System.Threading.Tasks.Task`1"))
            return (ReturnKind.TaskOfT, named.TypeArguments[0].ToDisplayString(TypeFormat));
        if (Is("System.Threading.Tasks.ValueTask`1"))
            return (ReturnKind.ValueTaskOfT, named.TypeArguments[0].ToDisplayString(TypeFormat));
        return (null, "");
    }

    private static bool HasAttribute(ISymbol symbol, string attributeName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attributeName);

    private static bool IsGrainInterface(INamedTypeSymbol type, INamedTypeSymbol grain) =>
        type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, grain));

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                foreach (var type in AllTypes(child))
                    yield return type;
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in type.GetTypeMembers())
                    yield return nested;
            }
        }
    }
}
