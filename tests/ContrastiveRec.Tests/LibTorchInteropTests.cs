using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using ContrastiveRec.Training;
using Mono.Cecil;
using Mono.Cecil.Cil;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests;

/// <summary>
/// Two ways TorchSharp 0.107 makes results vary from run to run, and the rules the core keeps against them:
/// Scalars must be held through their native call (<see cref="HeldScalars"/>), and float tensors made from arrays
/// must live in libtorch's aligned memory (<see cref="NativeTensor"/>).
/// </summary>
[Collection("Training")]
public class LibTorchInteropTests
{
    [Fact]
    public void The_core_passes_libtorch_no_Scalar_it_does_not_hold()
    {
        var offences = CallsThatMakeScalars(typeof(RatingSet).Assembly.Location, allowedIn: typeof(HeldScalars).FullName!);
        Assert.True(offences.Count == 0, "Implicit Scalars (hold them in a HeldScalars):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_core_makes_float_tensors_from_arrays_only_in_aligned_memory()
    {
        var offences = FloatTensorsFromArrays(typeof(RatingSet).Assembly.Location, allowedIn: typeof(NativeTensor).FullName!);
        Assert.True(offences.Count == 0, "Float tensors on managed memory (use NativeTensor.From):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_scans_find_what_they_look_for()
    {
        // This test assembly breaks both rules on purpose (Offenders below), so the scans above cannot pass vacuously.
        var scalars = CallsThatMakeScalars(typeof(LibTorchInteropTests).Assembly.Location, allowedIn: "none");
        var arrays = FloatTensorsFromArrays(typeof(LibTorchInteropTests).Assembly.Location, allowedIn: "none");
        Assert.Contains(scalars, o => o.Contains("Offenders.TimesTwo") && o.Contains("op_Multiply"));
        Assert.Contains(scalars, o => o.Contains("Offenders.PlusOne") && o.Contains("add_"));
        Assert.Contains(scalars, o => o.Contains("Offenders.Clamped") && o.Contains("op_Implicit"));
        Assert.Contains(arrays, o => o.Contains("Offenders.Pinned"));
        Assert.DoesNotContain(arrays, o => o.Contains("Offenders.Indices"));
    }

    [Fact]
    public async Task Tsne_gives_the_same_map_wherever_its_input_lands_and_however_often_the_GC_runs()
    {
        var (points, _) = Analysis.TsneTests.Blobs(clusters: 4, perCluster: 100, dim: 200, seed: 5);
        var options = new TsneOptions { Iterations = 100 };
        using var stop = new CancellationTokenSource();
        // Collects and finalises all the time: an unheld Scalar would be freed while libtorch reads it.
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        var maps = new List<double[]>();
        try
        {
            for (var run = 0; run < 6; run++)
            {
                // Shifts where the next arrays are allocated, so the input's alignment differs between runs.
                GC.KeepAlive(new byte[8 * run + 8]);
                var r = Tsne.Embed(points, options);
                maps.Add(r.X.Concat(r.Y).ToArray());
            }
        }
        finally
        {
            stop.Cancel();
            await collector;
        }
        foreach (var map in maps.Skip(1)) Assert.Equal(maps[0], map);
    }

    [Fact]
    public void IntraOpThreads_sets_the_count_for_a_while_and_puts_it_back()
    {
        var before = get_num_threads();
        var other = before == 1 ? 2 : 1;
        using (IntraOpThreads.Use(other)) Assert.Equal(other, get_num_threads());
        Assert.Equal(before, get_num_threads());
        using (IntraOpThreads.Use(null)) Assert.Equal(before, get_num_threads());
        Assert.Throws<ArgumentOutOfRangeException>(() => IntraOpThreads.Use(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Threads = 0 });
    }

    [Fact]
    public void AdamOptimizer_steps_exactly_as_TorchSharps_Adam_and_AdamW()
    {
        foreach (var (weightDecay, decoupled) in new[] { (0.0, false), (0.01, false), (0.01, true) })
        {
            var ours = Train(p => new AdamOptimizer(p, 1e-2, weightDecay, decoupled), o => o.ZeroGrad(), o => o.Step(), o => o.Dispose());
            var theirs = Train(
                p => decoupled ? (optim.Optimizer)optim.AdamW(p, 1e-2, weight_decay: weightDecay) : optim.Adam(p, 1e-2, weight_decay: weightDecay),
                o => o.zero_grad(), o => o.step(), o => o.Dispose());
            Assert.Equal(theirs, ours);
        }
    }

    private static float[] Train<TOptimizer>(Func<IEnumerable<TorchSharp.Modules.Parameter>, TOptimizer> make,
        Action<TOptimizer> zeroGrad, Action<TOptimizer> step, Action<TOptimizer> dispose)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var model = nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 1));
        var x = randn(32, 6);
        var y = randn(32, 1);
        var optimizer = make(model.parameters());
        for (var i = 0; i < 20; i++)
        {
            zeroGrad(optimizer);
            nn.functional.mse_loss(model.forward(x), y).backward();
            step(optimizer);
        }
        dispose(optimizer);
        return model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    // --- the scans ---

    private static List<string> CallsThatMakeScalars(string assemblyPath, string allowedIn)
    {
        var risky = TorchSharpMethodsThatMakeScalars();
        return Calls(assemblyPath, allowedIn, r => MakesScalar(r) || risky.Contains(Key(r)));
    }

    private static List<string> FloatTensorsFromArrays(string assemblyPath, string allowedIn) =>
        Calls(assemblyPath, allowedIn, r =>
            r.DeclaringType.FullName == "TorchSharp.torch" && r.Name is "tensor" or "as_tensor" or "from_array"
            && r.Parameters.Count > 0 && r.Parameters[0].ParameterType.FullName is "System.Single[]" or "System.Double[]"
                or "System.Collections.Generic.IList`1<System.Single>" or "System.Collections.Generic.IList`1<System.Double>");

    private static bool MakesScalar(MethodReference r) =>
        r.DeclaringType.FullName == "TorchSharp.Scalar" && r.Name == "op_Implicit"
        || r.DeclaringType.FullName == "TorchSharp.ScalarExtensionMethods" && r.Name == "ToScalar";

    private static HashSet<string>? _risky;

    /// <summary>TorchSharp methods that convert a number to a Scalar inside, themselves or through another such method.</summary>
    private static HashSet<string> TorchSharpMethodsThatMakeScalars()
    {
        if (_risky is not null) return _risky;
        using var torchSharp = AssemblyDefinition.ReadAssembly(typeof(torch).Assembly.Location);
        var methods = torchSharp.MainModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
            .Select(m => (Key: Key(m), Callees: m.Body.Instructions.Select(i => i.Operand).OfType<MethodReference>().ToList()))
            .ToList();
        var risky = methods.Where(m => m.Callees.Any(MakesScalar)).Select(m => m.Key).ToHashSet();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (key, callees) in methods)
                if (!risky.Contains(key) && callees.Any(c => risky.Contains(Key(c)))) grew = risky.Add(key) | grew;
        }
        return _risky = risky;
    }

    private static List<string> Calls(string assemblyPath, string allowedIn, Func<MethodReference, bool> offends)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath, new ReaderParameters { ReadSymbols = true });
        var found = new List<string>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            if (type.FullName == allowedIn || type.FullName.StartsWith(allowedIn + "/", StringComparison.Ordinal)) continue;
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                SequencePoint? last = null;
                foreach (var instruction in method.Body.Instructions)
                {
                    last = method.DebugInformation.GetSequencePoint(instruction) ?? last;
                    if (instruction.Operand is MethodReference callee && offends(callee))
                        found.Add($"{Path.GetFileName(last?.Document.Url ?? "?")}:{last?.StartLine} {type.FullName}.{method.Name} calls {callee.DeclaringType.Name}::{callee.Name}");
                }
            }
        }
        return found;
    }

    private static string Key(MethodReference r)
    {
        r = r.GetElementMethod();
        var type = r.DeclaringType is GenericInstanceType g ? g.ElementType : r.DeclaringType;
        return $"{type.FullName}::{r.Name}({string.Join(",", r.Parameters.Select(p => p.ParameterType.FullName))})";
    }
}

/// <summary>Breaks the rules on purpose, for <see cref="LibTorchInteropTests.The_scans_find_what_they_look_for"/>. Never called.</summary>
internal static class Offenders
{
    public static Tensor TimesTwo(Tensor t) => t * 2.0;
    public static Tensor PlusOne(Tensor a, Tensor b) => a.add_(b);
    public static Tensor Clamped(Tensor t) => t.clamp_min(0.5);
    public static Tensor Pinned(double[] values) => tensor(values);
    public static Tensor Indices(long[] values) => tensor(values);
}
