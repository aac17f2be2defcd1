using ContrastiveRec.Data;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Xunit;

namespace ContrastiveRec.Tests;

/// <summary>
/// The core's parts and who may use whom, read from the compiled library: every type reference in signatures,
/// fields, attributes, locals and method bodies (closures and iterators included) counts. README's Architecture
/// section states the same table.
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
        // Planted below, in this test assembly: a Data type holding a Training type, a Visualization method calling
        // Training, a Visualization lambda reaching Experiments, and a Training type that may use Data.
        var offences = Violations(typeof(ArchitectureTests).Assembly.Location, typeof(Planted.Data.Holder).Namespace![..^".Data".Length], Allowed);
        Assert.Contains(offences, o => o.StartsWith("Data -> Training: ", StringComparison.Ordinal) && o.Contains("Holder"));
        Assert.Contains(offences, o => o.StartsWith("Visualization -> Training: ", StringComparison.Ordinal) && o.Contains("Drawer"));
        Assert.Contains(offences, o => o.StartsWith("Visualization -> Experiments: ", StringComparison.Ordinal) && o.Contains("Drawer"));
        Assert.DoesNotContain(offences, o => o.StartsWith("Training -> Data", StringComparison.Ordinal));
        Assert.Equal(3, offences.Count);
    }

    /// <summary>"From -> To: type (member)" for every use of a part that <paramref name="allowed"/> does not grant.</summary>
    internal static List<string> Violations(string assembly, string root, IReadOnlyDictionary<string, string[]> allowed)
    {
        using var module = ModuleDefinition.ReadModule(assembly);
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
        foreach (var a in type.CustomAttributes) foreach (var t in Expand(a.AttributeType)) yield return (t, "attribute");
        foreach (var f in type.Fields) foreach (var t in Expand(f.FieldType)) yield return (t, f.Name);
        foreach (var p in type.Properties) foreach (var t in Expand(p.PropertyType)) yield return (t, p.Name);
        foreach (var m in type.Methods)
        {
            foreach (var t in Expand(m.ReturnType)) yield return (t, m.Name);
            foreach (var p in m.Parameters) foreach (var t in Expand(p.ParameterType)) yield return (t, m.Name);
            foreach (var a in m.CustomAttributes) foreach (var t in Expand(a.AttributeType)) yield return (t, m.Name);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return (t, m.Name);
            foreach (var instruction in m.Body.Instructions)
                foreach (var t in Operand(instruction)) yield return (t, m.Name);
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
