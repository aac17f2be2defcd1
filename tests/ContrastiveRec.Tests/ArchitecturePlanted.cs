// Planted offenders for ArchitectureTests.The_scan_finds_planted_uses: parts named like the core's that break its
// arrows on purpose. Nothing else uses them.
namespace ContrastiveRec.Tests.Planted.Data
{
    internal sealed class Holder
    {
        public Training.Trainer? Trainer;
    }
}

namespace ContrastiveRec.Tests.Planted.Training
{
    internal sealed class Trainer
    {
        public static int Epochs(Data.Holder holder) => holder.Trainer is null ? 0 : 1;
    }

    internal enum Schedule { Fast, Slow }

    internal interface ITrainable;

    [AttributeUsage(AttributeTargets.All)]
    internal sealed class TrainedAttribute : Attribute;
}

namespace ContrastiveRec.Tests.Planted
{
    /// <summary>A root attribute whose own signature names no part: only its arguments do.</summary>
    [AttributeUsage(AttributeTargets.All)]
    internal sealed class MarkerAttribute(object? value = null) : Attribute
    {
        public object? Value { get; } = value;
        public Type? Kind { get; set; }
        public object? Setting { get; set; }
    }
}

// Analysis may use Data only: each type below names Training where the scan once did not look.
namespace ContrastiveRec.Tests.Planted.Analysis
{
    [Marker(typeof(Training.Trainer))]
    internal sealed class ByTypeOf;

    [Marker(Training.Schedule.Fast)]
    internal sealed class ByEnumValue;

    [Marker(new object[] { 1, typeof(Training.Trainer) })]
    internal sealed class ByArray;

    [Marker(Kind = typeof(Training.Trainer))]
    internal sealed class ByNamedType;

    [Marker(Setting = Training.Schedule.Slow)]
    internal sealed class ByNamedEnum;

#pragma warning disable CS0067, CS0649 // never raised, never assigned: only their attributes matter
    internal sealed class Members
    {
        [Training.Trained] public int Field;

        [Training.Trained] public int Property { get; set; }

        [Training.Trained] public event Action? Changed;

        public static void Take([Training.Trained] int value) => _ = value;

        [return: Training.Trained]
        public static int Give() => 0;

        public static void Pick<[Training.Trained] T>() { }

        public static void Choose<T>() where T : Training.ITrainable { }
    }
#pragma warning restore CS0067, CS0649

    internal sealed class Tagged<[Training.Trained] T>;

    internal sealed class Constrained<T> where T : Training.ITrainable;
}

namespace ContrastiveRec.Tests.Planted.Experiments
{
    internal static class Runner
    {
        public static int Run() => 1;
    }
}

namespace ContrastiveRec.Tests.Planted.Visualization
{
    internal static class Drawer
    {
        public static int Draw() => Training.Trainer.Epochs(new Data.Holder());

        public static Func<int> Later() => () => Experiments.Runner.Run();
    }
}
