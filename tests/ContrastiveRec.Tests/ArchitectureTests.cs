using ContrastiveRec.Data;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Xunit;

namespace ContrastiveRec.Tests;

/// <summary>
/// The core's parts and who may use whom, read from the compiled library: every type reference in signatures,
/// fields, events, locals and method bodies (closures and iterators included), in attributes on types, members,
/// parameters, return values and generic parameters (their types and arguments: typeof(X), enum values, named ones),
/// and in generic constraints counts. ARCHITECTURE.md states the same table.
/// </summary>
public class ArchitectureTests
{
    /// <summary>Part -> the parts it may use. Every part may use the root namespace's libtorch and file helpers.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        [""] = [],
        ["Data"] = [],
        ["Pairs"] = ["Data"],
        ["Training"] = ["Pairs", "Data"],
        // Not Pairs: what a recommender needs of the pair strategy (its like threshold, the movies its filter kept, for
        // the study's protocol) it asks the trained model, which Training may build from Pairs.
        ["Recommendation"] = ["Training", "Data"],
        ["Evaluation"] = ["Recommendation", "Data"],
        ["Analysis"] = ["Data"],
        ["Visualization"] = ["Analysis", "Data"],
        ["Experiments"] = ["Evaluation", "Recommendation", "Training", "Pairs", "Data", "Analysis", "Visualization"],
    };

    [Fact]
    public void Each_part_of_the_core_uses_only_the_parts_below_it()
    {
        var offences = Violations(typeof(RatingSet).Assembly.Location, "ContrastiveRec", Allowed);
        Assert.True(offences.Count == 0, "Uses across the parts' arrows:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Every_namespace_of_the_core_is_a_known_part()
    {
        using var module = ModuleDefinition.ReadModule(typeof(RatingSet).Assembly.Location);
        var parts = module.Types.Where(t => t.Namespace.StartsWith("ContrastiveRec", StringComparison.Ordinal))
            .Select(t => PartOf(t.Namespace, "ContrastiveRec")).Distinct().ToList();
        Assert.DoesNotContain(parts, p => p is null || !Allowed.ContainsKey(p));
        // Each named part really exists, so a renamed folder cannot leave the table checking nothing.
        Assert.Equal(Allowed.Keys.Order(), parts.Order()!);
    }

    [Fact]
    public void Nothing_in_the_core_uses_PowerShell()
    {
        using var module = ModuleDefinition.ReadModule(typeof(RatingSet).Assembly.Location);
        Assert.DoesNotContain(module.AssemblyReferences, r => r.Name.StartsWith("System.Management.Automation", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_finds_planted_uses()
    {
        // Planted in ArchitecturePlanted.cs, in this test assembly: a Data type holding a Training type, a Visualization
        // method calling Training, a Visualization lambda reaching Experiments, Analysis types naming Training only in
        // attribute arguments, member attributes and generic constraints, and a Training type that may use Data.
        var offences = Violations(typeof(ArchitectureTests).Assembly.Location, typeof(Planted.Data.Holder).Namespace![..^".Data".Length], Allowed);
        (string Arrow, string Type, string Where)[] planted =
        [
            ("Data -> Training", "Data.Holder", "Trainer"),
            ("Visualization -> Training", "Visualization.Drawer", "Draw"),
            ("Visualization -> Experiments", "Visualization.Drawer", "<Later>"), // in the lambda's compiler-made class
            ("Analysis -> Training", "Analysis.ByTypeOf", "attribute argument"),
            ("Analysis -> Training", "Analysis.ByEnumValue", "attribute argument"),
            ("Analysis -> Training", "Analysis.ByArray", "attribute argument"),
            ("Analysis -> Training", "Analysis.ByNamedType", "attribute Kind="),
            ("Analysis -> Training", "Analysis.ByNamedEnum", "attribute Setting="),
            ("Analysis -> Training", "Analysis.Members", "Field attribute"),
            ("Analysis -> Training", "Analysis.Members", "Property attribute"),
            ("Analysis -> Training", "Analysis.Members", "Changed attribute"),
            ("Analysis -> Training", "Analysis.Members", "Take(value) attribute"),
            ("Analysis -> Training", "Analysis.Members", "Give return attribute"),
            ("Analysis -> Training", "Analysis.Members", "Pick<T> attribute"),
            ("Analysis -> Training", "Analysis.Members", "Choose<T> constraint"),
            ("Analysis -> Training", "Analysis.Tagged`1", "<T> attribute"),
            ("Analysis -> Training", "Analysis.Constrained`1", "<T> constraint"),
        ];
        var missed = planted.Where(p => !offences.Any(o =>
            o.StartsWith($"{p.Arrow}: ContrastiveRec.Tests.Planted.{p.Type}", StringComparison.Ordinal) && o.Contains($" ({p.Where}", StringComparison.Ordinal)));
        var found = "\nFound:\n" + string.Join("\n", offences);
        Assert.True(!missed.Any(), "Missed: " + string.Join("; ", missed) + found);
        Assert.True(planted.Length == offences.Count, $"{planted.Length} planted, {offences.Count} found (Training -> Data is allowed):{found}");
    }

    [Fact]
    public void The_parts_arrows_have_no_cycle() => Assert.Null(Cycle(Allowed));

    [Fact]
    public void The_cycle_check_finds_planted_cycles()
    {
        Assert.Equal("A -> B -> C -> A", Cycle(new Dictionary<string, string[]> { [""] = [], ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] }));
        Assert.Equal("A -> A", Cycle(new Dictionary<string, string[]> { [""] = [], ["A"] = ["A"] }));
        // Every part may use the root, so the root may use no part.
        Assert.Equal("(root) -> A -> (root)", Cycle(new Dictionary<string, string[]> { [""] = ["A"], ["A"] = [] }));
        // The real table with one arrow turned back.
        var back = Allowed.ToDictionary(p => p.Key, p => p.Value);
        back["Data"] = ["Evaluation"];
        Assert.Equal("Data -> Evaluation -> Recommendation -> Training -> Pairs -> Data", Cycle(back));
    }

    /// <summary>A cycle in <paramref name="allowed"/> ("A -> B -> A"), or null. Every part may also use the root: a part
    /// that may use what uses it is no layer, and the arrows' order of the parts would mean nothing.</summary>
    internal static string? Cycle(IReadOnlyDictionary<string, string[]> allowed)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        string? From(string part)
        {
            if (path.IndexOf(part) is var at and >= 0)
                return string.Join(" -> ", path.Skip(at).Append(part).Select(p => p == "" ? "(root)" : p));
            if (!done.Add(part)) return null;
            path.Add(part);
            var uses = allowed.TryGetValue(part, out var granted) ? granted : [];
            foreach (var next in part == "" ? uses : uses.Append(""))
                if (From(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
        foreach (var part in allowed.Keys.Order(StringComparer.Ordinal))
            if (From(part) is { } cycle) return cycle;
        return null;
    }

    /// <summary>"From -> To: type (member)" for every use of a part that <paramref name="allowed"/> does not grant.</summary>
    internal static List<string> Violations(string assembly, string root, IReadOnlyDictionary<string, string[]> allowed)
    {
        // Attribute arguments name enum types by name; reading their values resolves those types, also the framework's.
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(assembly)!);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        using var module = ModuleDefinition.ReadModule(assembly, new ReaderParameters { AssemblyResolver = resolver });
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var from = PartOf(Outermost(type).Namespace, root);
            if (from is null || !allowed.TryGetValue(from, out var may)) continue;
            foreach (var (used, where) in Uses(type))
            {
                if (used.Scope is not ModuleDefinition && used.Scope != module) continue;
                var to = PartOf(Outermost(used).Namespace, root);
                if (to is null || to == from || to == "" || may.Contains(to)) continue;
                found.Add($"{from} -> {to}: {type.FullName} ({where}) uses {used.FullName}");
            }
        }
        return found.ToList();
    }

    /// <summary>The part a namespace belongs to: "" for the root itself, null outside it.</summary>
    private static string? PartOf(string ns, string root)
    {
        if (ns == root) return "";
        if (!ns.StartsWith(root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    private static TypeReference Outermost(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static IEnumerable<(TypeReference Type, string Where)> Uses(TypeDefinition type)
    {
        if (type.BaseType is not null) foreach (var t in Expand(type.BaseType)) yield return (t, "base type");
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return (t, "interface");
        foreach (var use in Attributes(type, "attribute")) yield return use;
        foreach (var use in GenericParameters(type, "")) yield return use;
        foreach (var f in type.Fields)
        {
            foreach (var t in Expand(f.FieldType)) yield return (t, f.Name);
            foreach (var use in Attributes(f, $"{f.Name} attribute")) yield return use;
        }
        foreach (var p in type.Properties)
        {
            foreach (var t in Expand(p.PropertyType)) yield return (t, p.Name);
            foreach (var use in Attributes(p, $"{p.Name} attribute")) yield return use;
        }
        foreach (var e in type.Events)
        {
            foreach (var t in Expand(e.EventType)) yield return (t, e.Name);
            foreach (var use in Attributes(e, $"{e.Name} attribute")) yield return use;
        }
        foreach (var m in type.Methods)
        {
            foreach (var t in Expand(m.ReturnType)) yield return (t, m.Name);
            foreach (var use in Attributes(m.MethodReturnType, $"{m.Name} return attribute")) yield return use;
            foreach (var p in m.Parameters)
            {
                foreach (var t in Expand(p.ParameterType)) yield return (t, m.Name);
                foreach (var use in Attributes(p, $"{m.Name}({p.Name}) attribute")) yield return use;
            }
            foreach (var use in Attributes(m, $"{m.Name} attribute")) yield return use;
            foreach (var use in GenericParameters(m, m.Name)) yield return use;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return (t, m.Name);
            foreach (var instruction in m.Body.Instructions)
                foreach (var t in Operand(instruction)) yield return (t, m.Name);
        }
    }

    /// <summary>The attributes on a type, member, parameter or return value: their types, their constructors' parameter
    /// types, and the types their arguments name (typeof(X), an enum value's type), positional or named.</summary>
    private static IEnumerable<(TypeReference Type, string Where)> Attributes(ICustomAttributeProvider owner, string where)
    {
        if (!owner.HasCustomAttributes) yield break;
        foreach (var a in owner.CustomAttributes)
        {
            foreach (var t in Expand(a.AttributeType)) yield return (t, where);
            foreach (var p in a.Constructor.Parameters) foreach (var t in Expand(p.ParameterType)) yield return (t, where);
            foreach (var argument in a.ConstructorArguments) foreach (var t in Named(argument)) yield return (t, $"{where} argument");
            foreach (var named in a.Properties.Concat(a.Fields)) foreach (var t in Named(named.Argument)) yield return (t, $"{where} {named.Name}=");
        }
    }

    /// <summary>The types an attribute argument names: its own type (an enum's), a typeof's, and those of the values it
    /// boxes (an argument of type object) or holds (an array).</summary>
    private static IEnumerable<TypeReference> Named(CustomAttributeArgument argument)
    {
        var types = Expand(argument.Type);
        return argument.Value switch
        {
            TypeReference typeOf => types.Concat(Expand(typeOf)),
            CustomAttributeArgument boxed => types.Concat(Named(boxed)),
            CustomAttributeArgument[] array => types.Concat(array.SelectMany(Named)),
            _ => types,
        };
    }

    /// <summary>A type's or method's generic parameters: their attributes and constraints (where T : X).</summary>
    private static IEnumerable<(TypeReference Type, string Where)> GenericParameters(IGenericParameterProvider owner, string name)
    {
        if (!owner.HasGenericParameters) yield break;
        foreach (var g in owner.GenericParameters)
        {
            foreach (var use in Attributes(g, $"{name}<{g.Name}> attribute")) yield return use;
            foreach (var c in g.Constraints)
            {
                foreach (var t in Expand(c.ConstraintType)) yield return (t, $"{name}<{g.Name}> constraint");
                foreach (var use in Attributes(c, $"{name}<{g.Name}> constraint attribute")) yield return use;
            }
        }
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => Expand(t),
        MethodReference m => Expand(m.DeclaringType).Concat(Expand(m.ReturnType)).Concat(m.Parameters.SelectMany(p => Expand(p.ParameterType)))
            .Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
        FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
        _ => [],
    };

    /// <summary>A type with its element and generic argument types (List&lt;Foo[]&gt; yields List, Foo[] and Foo).</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? t)
    {
        if (t is null || t is GenericParameter) yield break;
        if (t is TypeSpecification spec)
        {
            foreach (var e in Expand(spec.ElementType)) yield return e;
            if (t is GenericInstanceType g) foreach (var a in g.GenericArguments.SelectMany(Expand)) yield return a;
            yield break;
        }
        yield return t;
    }
}
